#!/usr/bin/env bash
# The test command of the README and of CI: installs what the tests need (Debian packages, as root), runs the
# test suite, the Spark module on a standalone cluster of separate JVMs (StandaloneClusterIT, after package: it
# runs the shaded jar), the examples as a user runs them (scripts/examples.sh: installs the artifacts, builds and runs
# examples/train-in-memory, then examples/assign-folder on its run), the Javadoc of every module (an error
# fails), then the quick repeatability check (scripts/repeatability.sh --quick) and the quick fault-injection
# suite (scripts/fault-suite.sh --quick: interruption, kill -9, full disk, permissions, hostile files).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
mvn -B test
mvn -B verify -pl cc4j-spark -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
bash scripts/examples.sh
mvn -B -q compile javadoc:javadoc
bash scripts/repeatability.sh --quick
bash scripts/fault-suite.sh --quick
