package app_test

import (
	"reflect"
	"testing"

	"github.com/samsyn/samsyn/app"
)

func TestAlignBlocks(t *testing.T) {
	t.Parallel()
	eq, del, ins := app.DiffEqual, app.DiffDelete, app.DiffInsert
	for _, tc := range []struct {
		name string
		a, b []string
		want []app.BlockChange
	}{
		{"same", []string{"a", "b"}, []string{"a", "b"}, []app.BlockChange{{eq, 0, 0}, {eq, 1, 1}}},
		{"inserted", []string{"a", "c"}, []string{"a", "b", "c"}, []app.BlockChange{{eq, 0, 0}, {ins, -1, 1}, {eq, 1, 2}}},
		{"deleted", []string{"a", "b", "c"}, []string{"a", "c"}, []app.BlockChange{{eq, 0, 0}, {del, 1, -1}, {eq, 2, 1}}},
		{"changed", []string{"a", "b", "c"}, []string{"a", "B", "c"}, []app.BlockChange{{eq, 0, 0}, {del, 1, -1}, {ins, -1, 1}, {eq, 2, 2}}},
		{"repeated", []string{"x", "x"}, []string{"x"}, []app.BlockChange{{eq, 0, 0}, {del, 1, -1}}},
		{"empty", nil, []string{"a"}, []app.BlockChange{{ins, -1, 0}}},
	} {
		if got := app.AlignBlocks(tc.a, tc.b); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
