#!/usr/bin/env bash
# The whole test suite, on a fresh Debian/Ubuntu machine with only a JDK 21 or newer:
#   ./test.sh [extra Maven arguments]
# Installs what the tests need and the machine lacks (saying what, before it does), then runs ./mvnw -B verify:
#   chromium, chromium-driver  the headless-browser test of the web chat (BrowserIT)
#   nodejs, npm                the independent WeCom/WeChat crypto peer of the ITs (src/test/node, npm ci)
set -euo pipefail
cd "$(dirname "$0")"

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$java_bin" >/dev/null 2>&1; then
  echo "test.sh: no java found; install a JDK 21 or newer and set JAVA_HOME" >&2
  exit 2
fi
feature=$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${feature%%.*}" -lt 21 ] 2>/dev/null; then
  echo "test.sh: $java_bin is Java $feature; Java 21 or newer is needed" >&2
  exit 2
fi

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]} with apt-get (needed by the browser and WeCom/WeChat tests)"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: no apt-get here; install ${need[*]} yourself, then run me again" >&2
    exit 2
  fi
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi

echo "test.sh: npm ci --prefix src/test/node (wechat-crypto, pinned by its package-lock.json)"
npm ci --prefix src/test/node --no-audit --no-fund

echo "test.sh: ./mvnw -B verify $*"
exec ./mvnw -B verify "$@"
