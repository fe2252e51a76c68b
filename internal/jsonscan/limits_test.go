package jsonscan

import (
	"strings"
	"testing"
)

func nested(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }

func TestCheckItemsBounds(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		lim   Limits
		want  Problem
		items int
	}{
		{"within every bound", `[{"a":[1]},2,3]`, Limits{Depth: 3, Items: 3}, OK, 3},
		{"nesting at the bound", nested(4), Limits{Depth: 4}, OK, 1},
		{"nesting one past the bound", nested(5), Limits{Depth: 4}, TooDeep, 0},
		{"deep object in an item", `[1,{"a":{"b":{"c":{}}}}]`, Limits{Depth: 4}, TooDeep, 0},
		{"scalars do not count as a level", `[[["deep"]]]`, Limits{Depth: 3}, OK, 1},
		{"items at the bound", `[1,2,3]`, Limits{Items: 3}, OK, 3},
		{"one item past the bound", `[1,2,3,4]`, Limits{Items: 3}, TooManyItems, 0},
		{"members of an object are not items", `{"a":1,"b":2,"c":3,"d":4}`, Limits{Items: 3}, OK, 0},
		{"elements of a nested array are not items", `[[1,2,3,4]]`, Limits{Items: 3}, OK, 1},
		{"invalid text", `[1,2,}`, Limits{Depth: 3, Items: 3}, Invalid, 0},
		{"invalid after the bound is checked", `[1,2,3,4`, Limits{Items: 10}, Invalid, 0},
		{"no bounds: encoding/json's depth", nested(maxDepth + 1), Limits{}, TooDeep, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			items, problem := CheckItems([]byte(c.text), c.lim)
			if problem != c.want || len(items) != c.items {
				t.Fatalf("CheckItems(%.40q, %+v) = %d items, problem %d; want %d items, problem %d", c.text, c.lim, len(items), problem, c.items, c.want)
			}
		})
	}
}

func TestNestsDeeper(t *testing.T) {
	cases := []struct {
		text string
		max  int
		at   int
		deep bool
	}{
		{`{"a":[1,{"b":2}]}`, 3, 0, false},
		{`{"a":[1,{"b":2}]}`, 2, 8, true},
		{`["[[[[", "{{{{"]`, 1, 0, false},
		{`["\"[[[["]`, 1, 0, false},
		{nested(65), 64, 64, true},
		{nested(64), 64, 0, false},
		{`[[],[],[],[]]`, 2, 0, false},
	}
	for _, c := range cases {
		at, deep := NestsDeeper([]byte(c.text), c.max)
		if at != c.at || deep != c.deep {
			t.Errorf("NestsDeeper(%.40q, %d) = %d, %v; want %d, %v", c.text, c.max, at, deep, c.at, c.deep)
		}
	}
}
