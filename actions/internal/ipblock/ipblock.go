// Package ipblock reads the addresses, CIDR blocks and ranges the network
// zone actions take (create and update zone, block and unblock ip), and
// compares them with the entries of an Okta IP zone. Only actions use it.
package ipblock

import (
	"fmt"
	"math/big"
	"net/netip"
	"slices"
	"strings"

	"github.com/soar-okta/okta-connector/internal/textcut"
)

// Block is a run of consecutive addresses of one family, from First to
// Last inclusive: what one gateway or proxy entry of an Okta network zone
// covers.
type Block struct {
	First, Last netip.Addr
}

// ZoneEntry is one gateway or proxy entry of an Okta IP network zone: Type
// is CIDR or RANGE, Value the block in that form.
type ZoneEntry struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

// Parse reads a value from a request: an address (IPv4 or IPv6), a
// CIDR block or a range "first-last". Host bits of a CIDR block are
// cleared, IPv4-mapped IPv6 addresses are read as IPv4, and scoped IPv6
// addresses (fe80::1%eth0) are refused. param names the parameter for the
// message.
func Parse(param, s string) (Block, error) {
	s = strings.TrimSpace(s)
	bad := func(why string) (Block, error) {
		return Block{}, fmt.Errorf("%s %s %s: give an IP address (198.51.100.7), a CIDR block (198.51.100.0/24) or a range (198.51.100.10-198.51.100.20)", param, textcut.QuoteValue(s), why)
	}
	if strings.Contains(s, "%") {
		return bad("names an interface scope, which a network zone cannot hold")
	}
	if lo, hi, isRange := strings.Cut(s, "-"); isRange {
		first, err1 := parseAddr(lo)
		last, err2 := parseAddr(hi)
		switch {
		case err1 != nil || err2 != nil:
			return bad("is not a valid range")
		case first.Is4() != last.Is4():
			return bad("mixes an IPv4 and an IPv6 address")
		case first.Compare(last) > 0:
			return bad("is a range whose first address comes after its last")
		}
		return Block{First: first, Last: last}, nil
	}
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return bad("is not a valid CIDR block")
		}
		if p.Addr().Is4In6() {
			return bad("is an IPv4-mapped IPv6 block; write the IPv4 block instead")
		}
		return prefixBlock(p.Masked()), nil
	}
	a, err := parseAddr(s)
	if err != nil {
		return bad("is not an IP address")
	}
	return Block{First: a, Last: a}, nil
}

func parseAddr(s string) (netip.Addr, error) {
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil {
		return netip.Addr{}, err
	}
	return a.Unmap(), nil
}

// ParseAll reads a list of values (see Parse), dropping
// repeats of the same block.
func ParseAll(param string, values []string) ([]Block, error) {
	var out []Block
	for _, v := range values {
		b, err := Parse(param, v)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	return out, nil
}

func prefixBlock(p netip.Prefix) Block {
	b := p.Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	last, _ := netip.AddrFromSlice(b)
	return Block{First: p.Addr(), Last: last}
}

// Entry is the block as Okta stores it: CIDR when it is exactly one CIDR
// block (a single address as /32 or /128), RANGE otherwise.
func (b Block) Entry() ZoneEntry {
	for bits := b.First.BitLen(); bits >= 0; bits-- {
		p := netip.PrefixFrom(b.First, bits)
		if p.Masked().Addr() != b.First {
			break
		}
		if prefixBlock(p).Last == b.Last {
			return ZoneEntry{Type: "CIDR", Value: p.String()}
		}
	}
	return ZoneEntry{Type: "RANGE", Value: b.First.String() + "-" + b.Last.String()}
}

// String is the block for messages: the address alone when the block
// holds one, else its Okta form.
func (b Block) String() string {
	if b.First == b.Last {
		return b.First.String()
	}
	return b.Entry().Value
}

// Size is the number of addresses in the block.
func (b Block) Size() *big.Int {
	n := new(big.Int).Sub(new(big.Int).SetBytes(b.Last.AsSlice()), new(big.Int).SetBytes(b.First.AsSlice()))
	return n.Add(n, big.NewInt(1))
}

// LargerThan reports whether the block holds more addresses than a CIDR
// block with the given prefix length of its family.
func (b Block) LargerThan(bits int) bool {
	limit := new(big.Int).Lsh(big.NewInt(1), uint(b.First.BitLen()-bits))
	return b.Size().Cmp(limit) > 0
}

// Contains reports whether every address of o is in b.
func (b Block) Contains(o Block) bool {
	return b.First.Is4() == o.First.Is4() && b.First.Compare(o.First) <= 0 && o.Last.Compare(b.Last) <= 0
}

// Overlaps reports whether b and o share an address.
func (b Block) Overlaps(o Block) bool {
	return b.First.Is4() == o.First.Is4() && b.First.Compare(o.Last) <= 0 && o.First.Compare(b.Last) <= 0
}

// Block reads an entry Okta returned. Okta's admin console stores a single
// address as a one-address RANGE ("198.51.100.7-198.51.100.7") and the API
// accepts it as a /32 CIDR; both read as the same block. ok is false for an
// entry that cannot be read, which callers keep as it is.
func (e ZoneEntry) Block() (Block, bool) {
	switch e.Type {
	case "CIDR":
		p, err := netip.ParsePrefix(strings.TrimSpace(e.Value))
		if err != nil || p.Addr().Is4In6() {
			return Block{}, false
		}
		return prefixBlock(p.Masked()), true
	case "RANGE":
		lo, hi, ok := strings.Cut(e.Value, "-")
		if !ok {
			hi = lo
		}
		first, err1 := parseAddr(lo)
		last, err2 := parseAddr(hi)
		if err1 != nil || err2 != nil || first.Is4() != last.Is4() || first.Compare(last) > 0 {
			return Block{}, false
		}
		return Block{First: first, Last: last}, true
	}
	return Block{}, false
}
