package ipblock

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseIPBlock(t *testing.T) {
	tests := []struct {
		in, typ, value, err string
	}{
		{in: "198.51.100.7", typ: "CIDR", value: "198.51.100.7/32"},
		{in: " 198.51.100.7 ", typ: "CIDR", value: "198.51.100.7/32"},
		{in: "2001:DB8::1", typ: "CIDR", value: "2001:db8::1/128"},
		{in: "::ffff:198.51.100.7", typ: "CIDR", value: "198.51.100.7/32"},
		{in: "198.51.100.0/24", typ: "CIDR", value: "198.51.100.0/24"},
		{in: "198.51.100.77/24", typ: "CIDR", value: "198.51.100.0/24"},
		{in: "0.0.0.0/0", typ: "CIDR", value: "0.0.0.0/0"},
		{in: "2001:db8:bad::/48", typ: "CIDR", value: "2001:db8:bad::/48"},
		{in: "198.51.100.10-198.51.100.20", typ: "RANGE", value: "198.51.100.10-198.51.100.20"},
		{in: "198.51.100.10 - 198.51.100.20", typ: "RANGE", value: "198.51.100.10-198.51.100.20"},
		{in: "198.51.100.0-198.51.100.255", typ: "CIDR", value: "198.51.100.0/24"},
		{in: "198.51.100.7-198.51.100.7", typ: "CIDR", value: "198.51.100.7/32"},
		{in: "2001:db8::1-2001:db8::9", typ: "RANGE", value: "2001:db8::1-2001:db8::9"},
		{in: "198.51.100.1-198.51.100.0", err: "first address comes after its last"},
		{in: "198.51.100.1-2001:db8::1", err: "mixes an IPv4 and an IPv6 address"},
		{in: "198.51.100.1-", err: "is not a valid range"},
		{in: "198.51.100.0/33", err: "is not a valid CIDR block"},
		{in: "::ffff:198.51.100.0/120", err: "IPv4-mapped"},
		{in: "fe80::1%eth0", err: "interface scope"},
		{in: "198.51.100", err: "is not an IP address"},
		{in: "198.051.100.7", err: "is not an IP address"},
		{in: "example.com", err: "is not an IP address"},
		{in: "", err: "is not an IP address"},
		{in: "198.51.100.7\n", typ: "CIDR", value: "198.51.100.7/32"},
		{in: "198.51.100.7/24/1", err: "is not a valid CIDR block"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			b, err := Parse("ip", tc.in)
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				assert.Contains(t, err.Error(), "ip ")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, ZoneEntry{Type: tc.typ, Value: tc.value}, b.Entry())
			again, ok := b.Entry().Block()
			assert.True(t, ok)
			assert.Equal(t, b, again, "an entry reads back as the same block")
		})
	}
}

func TestZoneEntryBlock(t *testing.T) {
	tests := []struct {
		entry ZoneEntry
		want  string
		ok    bool
	}{
		{ZoneEntry{"CIDR", "1.2.3.4/24"}, "1.2.3.0/24", true},
		{ZoneEntry{"RANGE", "198.18.7.5-198.18.7.5"}, "198.18.7.5", true},
		{ZoneEntry{"RANGE", "198.18.7.5"}, "198.18.7.5", true},
		{ZoneEntry{"RANGE", "198.18.7.5-198.18.7.9"}, "198.18.7.5-198.18.7.9", true},
		{ZoneEntry{"RANGE", "15.5.6.7/24-15.5.6.9"}, "", false},
		{ZoneEntry{"CIDR", "not an address"}, "", false},
		{ZoneEntry{"ASN", "64496"}, "", false},
	}
	for _, tc := range tests {
		b, ok := tc.entry.Block()
		assert.Equal(t, tc.ok, ok, tc.entry)
		if ok {
			assert.Equal(t, tc.want, b.String(), tc.entry)
		}
	}
}

func TestIPBlockRelations(t *testing.T) {
	block := func(s string) Block {
		b, err := Parse("ip", s)
		require.NoError(t, err)
		return b
	}
	tests := []struct {
		a, b               string
		contains, overlaps bool
	}{
		{"203.0.113.0/26", "203.0.113.17", true, true},
		{"203.0.113.0/26", "203.0.113.64", false, false},
		{"203.0.113.0/26", "203.0.113.60-203.0.113.70", false, true},
		{"203.0.113.0/26", "203.0.113.0/26", true, true},
		{"203.0.113.17", "203.0.113.0/26", false, true},
		{"2001:db8:bad::/48", "2001:db8:bad::1", true, true},
		{"2001:db8:bad::/48", "2001:db8:bae::1", false, false},
		{"0.0.0.0/0", "2001:db8::1", false, false},
		{"::/0", "198.51.100.7", false, false},
	}
	for _, tc := range tests {
		a, b := block(tc.a), block(tc.b)
		assert.Equal(t, tc.contains, a.Contains(b), "%s contains %s", tc.a, tc.b)
		assert.Equal(t, tc.overlaps, a.Overlaps(b), "%s overlaps %s", tc.a, tc.b)
		assert.Equal(t, tc.overlaps, b.Overlaps(a), "%s overlaps %s", tc.b, tc.a)
	}
}

func TestParseIPBlocksDropsRepeats(t *testing.T) {
	got, err := ParseAll("gateway_ips", []string{"198.51.100.7", "198.51.100.7/32", "198.51.100.7-198.51.100.7", "2001:db8::1"})
	require.NoError(t, err)
	require.Len(t, got, 2)
	_, err = ParseAll("gateway_ips", []string{"198.51.100.7", "nope"})
	assert.ErrorContains(t, err, `gateway_ips "nope" is not an IP address`)
}

func TestIPBlockSize(t *testing.T) {
	tests := []struct {
		in     string
		size   string
		over16 bool
		over32 bool
	}{
		{"198.51.100.7", "1", false, false},
		{"198.51.100.0/24", "256", false, true},
		{"10.0.255.255-10.1.0.0", "2", false, true},
		{"10.0.0.0/16", "65536", false, true},
		{"10.0.0.0-10.1.0.0", "65537", true, true},
		{"0.0.0.0/0", "4294967296", true, true},
		{"2001:db8::/32", "79228162514264337593543950336", false, false},
		{"2001:db8::/31", "158456325028528675187087900672", false, true},
		{"::/0", "340282366920938463463374607431768211456", true, true},
	}
	for _, tc := range tests {
		b, err := Parse("ip", tc.in)
		require.NoError(t, err)
		assert.Equal(t, tc.size, b.Size().String(), tc.in)
		assert.Equal(t, tc.over16, b.LargerThan(16), "%s larger than a /16 of its family", tc.in)
		assert.Equal(t, tc.over32, b.LargerThan(32), "%s larger than a /32 of its family", tc.in)
	}
}
