package schema

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Markdown renders the asset configuration and the action reference.
func (a *App) Markdown() string {
	var b strings.Builder
	b.WriteString("### Asset configuration\n\n")
	b.WriteString("| Name | Required | Type | Default | Description |\n|---|---|---|---|---|\n")
	for _, p := range a.config.ordered {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n",
			p.Name, yesNo(p.Required), p.DataType, defaultCell(p), cell(p.Description))
	}
	for _, act := range a.Actions {
		b.WriteString("\n")
		act.markdown(&b)
	}
	return b.String()
}

func (act *Action) markdown(b *strings.Builder) {
	fmt.Fprintf(b, "### action: '%s'\n\n", act.Name)
	fmt.Fprintf(b, "%s\n\n", act.Description)
	if act.Verbose != "" {
		fmt.Fprintf(b, "%s\n\n", act.Verbose)
	}
	fmt.Fprintf(b, "Identifier: `%s`  \nType: **%s**  \nRead only: **%t**\n\n", act.Identifier, act.Type, act.ReadOnly)

	b.WriteString("#### Parameters\n\n")
	if len(act.params.ordered) == 0 {
		b.WriteString("This action takes no parameters.\n\n")
	} else {
		b.WriteString("| Parameter | Required | Type | Contains | Value list | Default | Description |\n")
		b.WriteString("|---|---|---|---|---|---|---|\n")
		for _, p := range act.params.ordered {
			fmt.Fprintf(b, "| `%s` | %s | %s | %s | %s | %s | %s |\n",
				p.Name, yesNo(p.Required), p.DataType, codeList(p.Contains),
				codeList(p.ValueList), defaultCell(p), cell(p.Description))
		}
		b.WriteString("\n")
	}

	b.WriteString("#### Output\n\n")
	b.WriteString("| Data path | Type | Contains |\n|---|---|---|\n")
	for _, o := range act.Output {
		fmt.Fprintf(b, "| `%s` | %s | %s |\n", o.DataPath, o.DataType, codeList(o.Contains))
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func codeList(items []string) string {
	if len(items) == 0 {
		return ""
	}
	return "`" + strings.Join(items, "`, `") + "`"
}

func defaultCell(p *Param) string {
	if p.Default == nil {
		return ""
	}
	b, err := json.Marshal(p.Default)
	if err != nil {
		return cell(fmt.Sprint(p.Default))
	}
	return "`" + string(b) + "`"
}

// cell makes text safe for one Markdown table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}
