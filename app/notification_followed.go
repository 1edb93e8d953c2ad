package app

import "context"

// Followed lists what the viewer chose to follow, newest first: their
// follows that are on (a mute of a text they take part in is not listed).
func (s *Notifications) Followed(ctx context.Context, viewer *User) ([]*Follow, error) {
	if viewer == nil {
		return nil, Errorf(EUNAUTHORIZED, "error.notify.login_required")
	}
	fs, err := s.Store.Follows(ctx, viewer.ID)
	if err != nil {
		return nil, err
	}
	var out []*Follow
	for _, f := range fs {
		if f.On {
			out = append(out, f)
		}
	}
	return out, nil
}
