#!/usr/bin/env bash
# Makes sure the system packages xrr needs are present, installing them when it can.
# Used by the Maven build (validate phase) and by the ./xrr launcher.
#   libcapstone4: the disassembler behind Capstone's Java binding (found by JNA).
#   gcc, make:    build native/.
#   binutils:     objdump, the independent oracle the site-scanner tests compare against.
set -euo pipefail

missing=()
# grep reads all of ldconfig's output: with -q it would exit early, and under pipefail the
# writer's SIGPIPE would count as "missing".
ldconfig -p 2>/dev/null | grep 'libcapstone\.so\.4 ' >/dev/null || missing+=(libcapstone4)
command -v gcc >/dev/null || missing+=(gcc)
command -v make >/dev/null || missing+=(make)
command -v objdump >/dev/null || missing+=(binutils)

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "xrr: missing system packages: ${missing[*]}" >&2
  echo "xrr: install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "xrr: installing missing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -q "${missing[@]}" >&2; then
  apt-get update -q >&2
  apt-get install -y -q "${missing[@]}" >&2
fi
