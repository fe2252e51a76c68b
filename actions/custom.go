package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"

	"github.com/soar-okta/okta-connector/actions/internal/present"
	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/internal/textcut"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// customAPIRequest sends one request to a path of Okta's management API
// on base_url and returns Okta's answer as it is. The path is checked by
// oktaapi.APIPath, so it can reach no other host and no path outside
// /api/v1/. Next-page links are not followed.
func customAPIRequest(ctx context.Context, c *connector.Call) (connector.Output, error) {
	method := c.Params.String("method") // one of app.json's value_list, checked by the schema
	path, err := oktaapi.APIPath("path", c.Params.Raw("path"))
	if err != nil {
		return connector.Output{}, err
	}
	query, err := customQuery(c)
	if err != nil {
		return connector.Output{}, err
	}
	body, err := c.Params.JSON("body")
	if err != nil {
		return connector.Output{}, err
	}
	if body != nil && (method == http.MethodGet || method == http.MethodDelete) {
		return connector.Output{}, fmt.Errorf("a %s request carries no body: leave body empty or use POST, PUT or PATCH", method)
	}
	var raw json.RawMessage
	resp, err := c.Okta.Do(ctx, method, path, query, body, &raw)
	if err != nil {
		return connector.Output{}, err
	}
	data := customData(raw)
	summary := map[string]any{"status_code": resp.StatusCode, "num_items": len(data), "has_next_page": resp.HasNextPage()}
	msg := fmt.Sprintf("%s %s answered %d %s with %s", method, path, resp.StatusCode, http.StatusText(resp.StatusCode), present.Plural(len(data), "object"))
	if len(raw) == 0 {
		msg = fmt.Sprintf("%s %s answered %d %s with no content", method, path, resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	if after := nextAfter(resp.NextPage); resp.HasNextPage() && after != "" {
		summary["next_after"] = after
		msg += "; Okta has more results: run the request again with the query parameter after set to summary.next_after"
	}
	return connector.Output{Message: msg, Data: data, Summary: summary}, nil
}

// nextAfter is the after cursor of a next-page link, "" if it has none.
func nextAfter(link string) string {
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	return u.Query().Get("after")
}

// customQuery turns the query parameter, a JSON object whose values are
// strings, numbers or booleans (or lists of them), into query values.
func customQuery(c *connector.Call) (url.Values, error) {
	obj, err := c.Params.Object("query")
	if err != nil || obj == nil {
		return nil, err
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	q := url.Values{}
	for _, k := range keys {
		if k == "" {
			return nil, fmt.Errorf("query has an empty parameter name")
		}
		values, ok := obj[k].([]any)
		if !ok {
			values = []any{obj[k]}
		}
		for _, v := range values {
			s, ok := queryValue(v)
			if !ok {
				return nil, fmt.Errorf("query parameter %s must be a string, number or boolean, or a list of them", textcut.QuoteValue(k))
			}
			q.Add(k, s)
		}
	}
	return q, nil
}

func queryValue(v any) (string, bool) {
	switch t := v.(type) {
	case string:
		return t, true
	case json.Number:
		return t.String(), true
	case float64:
		return fmt.Sprint(t), true
	case bool:
		return fmt.Sprint(t), true
	}
	return "", false
}

// customData makes Okta's answer the result's data: the elements of a
// list, or the one value Okta returned; nothing for an empty answer.
func customData(raw json.RawMessage) []any {
	if len(raw) == 0 {
		return []any{}
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) == nil {
		return present.Objects(items)
	}
	return []any{raw}
}
