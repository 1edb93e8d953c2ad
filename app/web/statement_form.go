package web

// stmtForm is a Form whose labels and hints come from the statement
// catalogue (stmtfield.<name>, stmthint.<name>), so that statement fields
// never collide with other features' field names.
type stmtForm struct{ *Form }

func (s *Server) newStmtForm(l Layout) stmtForm { return stmtForm{s.newForm(l)} }

// Field describes an input as Form.Field does, with statement labels.
func (f stmtForm) Field(name, typ, autocomplete string, required bool) FieldView {
	return f.relabel(f.Form.Field(name, typ, autocomplete, required))
}

// Select describes a select as Form.Select does, with statement labels.
func (f stmtForm) Select(name string, opts []Option) FieldView {
	return f.relabel(f.Form.Select(name, opts))
}

func (f stmtForm) relabel(v FieldView) FieldView {
	v.Label = f.T("stmtfield." + v.Name)
	if h := "stmthint." + v.Name; f.T(h) != h {
		v.Hint = f.T(h)
		v.Described = "h-" + v.Name
		if v.Error != "" {
			v.Described += " e-" + v.Name
		}
	}
	return v
}
