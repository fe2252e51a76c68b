package oktaapi

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPickExact(t *testing.T) {
	c := []Named{{"00g1", "SOC"}, {"00g2", "soc"}, {"00g3", "Finance"}, {"00g4", "Finance"}}
	i, err := PickExact("group", "group_id", "SOC", c)
	require.NoError(t, err)
	assert.Equal(t, 0, i)

	_, err = PickExact("group", "group_id", "Legal", c)
	assert.EqualError(t, err, `no Okta group has the id or name "Legal" (parameter "group_id")`)

	_, err = PickExact("group", "group_id", "Finance", c)
	assert.EqualError(t, err, `2 Okta groups are named "Finance": 00g3, 00g4; give the id in "group_id" instead`)
}

func TestUserAttributes(t *testing.T) {
	u := &User{Raw: []byte(`{"id":"00u1","profile":{"login":"a@example.com","level":10.50}}`)}
	got, err := u.Attributes()
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"login": "a@example.com", "level": json.Number("10.50")}, got)
}
