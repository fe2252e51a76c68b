package envelope

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A secret that extends another one is masked whole, whichever was
// learned first.
func TestScrubberMasksTheLongestSecret(t *testing.T) {
	s := NewScrubber([]string{"Val1d-Passw0rd"})
	s.Add("Val1d-Passw0rdK7mPq2xZrT")
	assert.Equal(t, `{"value":"********"} and ********`, s.apply(`{"value":"Val1d-Passw0rdK7mPq2xZrT"} and Val1d-Passw0rd`))
}

func TestScrubberLearnsSecrets(t *testing.T) {
	s := NewScrubber([]string{"abc"}) // too short to mask
	assert.Equal(t, "abc Tmp-Secret-1", s.apply("abc Tmp-Secret-1"))
	s.Add("Tmp-Secret-1")
	assert.Equal(t, "abc ********", s.apply("abc Tmp-Secret-1"))
}

func TestDuplicateKeysAreRefused(t *testing.T) {
	for in, want := range map[string]string{
		`{"identifier":"get_user","identifier":"disable_user"}`:              "the key identifier twice",
		`{"parameters":[{"user_id":"a"},{"user_id":"b","user_id":"c"}]}`:     "the key parameters[1].user_id twice",
		`{"config":{"base_url":"https://a.example","base_url":"https://b"}}`: "the key config.base_url twice",
		`{"parameters":[{"profile":{"a b":1,"a b":2}}]}`:                     `the key parameters[0].profile."a b" twice`,
	} {
		_, err := Decode(strings.NewReader(in))
		assert.ErrorContains(t, err, want, in)
	}
	req, err := Decode(strings.NewReader(`{"identifier":"get_user","parameters":[{"user_id":"a"},{"user_id":"a"}],"config":{"a":{"a":{"a":1}}}}`))
	require.NoError(t, err)
	assert.Len(t, req.Parameters, 2)
}
