package app

import (
	"context"
	"strconv"
)

// Users manages the people who sign in: creation (with a password or an
// invitation), changes of role, membership and password, and what ending
// their access takes.
type Users struct {
	Store    UserStore
	Members  MemberStore
	Accounts *Accounts     // ends sessions and tokens
	Links    *AccountLinks // invitations; outstanding links end with a new password
	Clock    Clock
	Events   *Events
}

// UserPatch is a change of a user; nil leaves a field as it is. Version,
// when set, must be the stored one.
type UserPatch struct {
	UserUpdate
	Version *int
}

// Create stores a new user. With invite the user gets no password and must
// be sent an invitation (Invite), which needs a mail server.
func (s *Users) Create(ctx context.Context, actor *User, in NewUserInput, invite bool) (*User, error) {
	if err := memberExists(ctx, s.Members, "member_id", in.MemberID); err != nil {
		return nil, err
	}
	var u *User
	var err error
	if invite {
		if err := s.Links.CanMail(); err != nil {
			return nil, err
		}
		u, err = NewInvitedUser(in, s.Clock.Now())
	} else {
		u, err = NewUser(in, s.Clock.Now())
	}
	if err != nil {
		return nil, err
	}
	if err := s.Store.CreateUser(ctx, u); err != nil {
		return nil, err
	}
	publish(ctx, s.Events, s.Clock, actor, "user.create", Subject{"user", u.ID}, "", "1", "")
	return u, nil
}

// Update applies p to user id. Deactivating a user, changing the role, the
// member or the password ends all of that user's sessions and tokens; a new
// password also ends every outstanding reset and invitation link. Nobody
// may deactivate themselves or change their own role.
func (s *Users) Update(ctx context.Context, actor *User, id string, p UserPatch) (*User, error) {
	old, err := s.Store.UserByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if p.Version != nil && *p.Version != old.Version {
		return nil, changedByOther(old.Version)
	}
	if p.MemberID != nil {
		if err := memberExists(ctx, s.Members, "member_id", *p.MemberID); err != nil {
			return nil, err
		}
	}
	u, err := old.Apply(p.UserUpdate)
	if err != nil {
		return nil, err
	}
	if actor != nil && actor.ID == u.ID && (!u.Active || u.Role != old.Role) {
		return nil, FieldError("role", "error.user.own_role")
	}
	u.UpdatedAt = s.Clock.Now()
	if err := s.Store.UpdateUser(ctx, u); err != nil {
		return nil, err
	}
	if err := s.endAccessAfter(ctx, old, u); err != nil {
		return nil, err
	}
	publish(ctx, s.Events, s.Clock, actor, "user.update", Subject{"user", u.ID},
		strconv.Itoa(old.Version), strconv.Itoa(u.Version), "")
	return u, nil
}

// endAccessAfter ends what the change from old to u takes away.
func (s *Users) endAccessAfter(ctx context.Context, old, u *User) error {
	if !u.Active || u.Role != old.Role || u.PasswordHash != old.PasswordHash || u.MemberID != old.MemberID {
		if err := s.Accounts.EndUserAccess(ctx, u.ID); err != nil {
			return err
		}
	}
	if u.PasswordHash != old.PasswordHash { // outstanding reset and invitation links stop working
		return s.Links.Links.DeleteUserAccountLinks(ctx, u.ID, "")
	}
	return nil
}

// SetPassword gives user id a new password, as an administrator or the
// command line does: like any password change it ends the user's sessions,
// tokens and links.
func (s *Users) SetPassword(ctx context.Context, actor *User, id, password string) (*User, error) {
	return s.Update(ctx, actor, id, UserPatch{UserUpdate: UserUpdate{Password: &password}})
}

// Invite mails user id a new invitation; older invitation links stop
// working. A refused mail wraps ErrMailNotSent.
func (s *Users) Invite(ctx context.Context, actor *User, u *User) error {
	return s.Links.Invite(ctx, actor, u)
}

// Get returns user id, or ENOTFOUND.
func (s *Users) Get(ctx context.Context, id string) (*User, error) { return s.Store.UserByID(ctx, id) }

// ByEmail returns the user with that address (any case), or ENOTFOUND.
func (s *Users) ByEmail(ctx context.Context, email string) (*User, error) {
	return s.Store.UserByEmail(ctx, email)
}

// Visible returns user id as viewer may see them: staff see everyone,
// members themselves and their colleagues; anyone else gets ENOTFOUND.
func (s *Users) Visible(ctx context.Context, viewer *User, id string) (*User, error) {
	u, err := s.Store.UserByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if viewer == nil || (!viewer.IsStaff() && viewer.ID != u.ID && (viewer.MemberID == "" || viewer.MemberID != u.MemberID)) {
		return nil, Errorf(ENOTFOUND, "error.user.not_found")
	}
	return u, nil
}

// List returns one page of users and the total.
func (s *Users) List(ctx context.Context, f UserFilter) ([]*User, int, error) {
	return s.Store.ListUsers(ctx, f)
}
