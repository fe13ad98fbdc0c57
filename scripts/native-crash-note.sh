#!/usr/bin/env bash
# Called by the JVM (-XX:OnError) when native code kills it: says in plain words what happened and where the
# details are, so that the JVM's error file is never the only explanation.
pid="$1"
file="${2:-}"
{
  echo
  echo "cc4j: the JVM (pid $pid) was killed by a fault in native code (libtorch or another native library)."
  [ -n "$file" ] && echo "cc4j: the JVM's report is in $file"
  echo "cc4j: this is a bug; please report it with that file and the output of './cc4j info'."
  echo "cc4j: as a workaround, CC4J_NATIVE_REPAIR=aten runs convolutions on libtorch's own kernels (slower)."
} >&2
