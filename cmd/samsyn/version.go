package main

import (
	"runtime/debug"
	"strings"
)

// buildVersion says which build this is: the module's version (a tag, or
// "(devel)" for a build from a checkout) and the VCS revision and time Go
// stamped into the binary, "+dirty" when the tree had changes.
type buildVersion struct {
	Version, Revision, Time, GoVersion string
	Modified                           bool
}

// linkedVersion and linkedRevision, set at link time (-ldflags "-X
// main.linkedRevision=…"), stand in where Go could not stamp the build:
// the image is built without .git (Dockerfile, .dockerignore).
var linkedVersion, linkedRevision string

func readBuildVersion() buildVersion {
	v := stampedVersion()
	if linkedVersion != "" {
		v.Version = linkedVersion
	}
	if linkedRevision != "" {
		v.Revision = linkedRevision
	}
	return v
}

func stampedVersion() buildVersion {
	v := buildVersion{Version: "unknown", Revision: "unknown"}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	v.GoVersion = info.GoVersion
	if info.Main.Version != "" {
		v.Version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

// String is what samsyn --version prints after the name.
func (v buildVersion) String() string {
	var b strings.Builder
	b.WriteString(v.Version)
	b.WriteString(" (revision ")
	b.WriteString(v.Revision)
	if v.Modified {
		b.WriteString("+dirty")
	}
	if v.Time != "" {
		b.WriteString(", " + v.Time)
	}
	if v.GoVersion != "" {
		b.WriteString(", " + v.GoVersion)
	}
	b.WriteString(")")
	return b.String()
}
