# Sourced by scripts that fetch Debian packages or sources without touching the
# machine's own apt state: a sources list, package lists and cache of their own
# under one folder. The mirror is the one the machine's apt already uses.
#
#   private_apt_init DIR 'deb-src bookworm' 'deb-src bookworm-security' ...
#   private_apt DIR source poppler        # any apt-get command
#
# Each argument after DIR is "TYPE SUITE" (TYPE: deb or deb-src); the
# component is always "main", a *-security suite comes from the security mirror.

private_apt_mirror() {
  local m
  m=$(grep -hoE '^(URIs:|deb(-src)?( \[[^]]*\])?) *https?://[^ ]+/debian/?( |$)' \
        /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null |
      grep -oE 'https?://[^ ]+' | head -n1)
  echo "${m:-http://deb.debian.org/debian}"
}

private_apt_init() {
  local dir=$1; shift
  local mirror line type suite url
  mirror=$(private_apt_mirror)
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/etc/preferences.d"
  : >"$dir/etc/sources.list"
  for line in "$@"; do
    type=${line%% *} suite=${line#* } url=$mirror
    [[ $suite != *-security ]] || url=${mirror%/}-security
    echo "$type [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $url $suite main" >>"$dir/etc/sources.list"
  done
  private_apt "$dir" update -qq
}

private_apt() {
  local dir=$1; shift
  apt-get -o Dir::Etc::SourceList="$dir/etc/sources.list" -o Dir::Etc::SourceParts=/dev/null \
    -o Dir::Etc::Preferences="$dir/etc/preferences" -o Dir::Etc::PreferencesParts="$dir/etc/preferences.d" \
    -o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache" -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= \
    -o APT::Sandbox::User=root -o Debug::NoLocking=1 "$@"
}
