#!/usr/bin/env bash
# CI: the Debian package as IT installs it on a 统信UOS / 麒麟 / Debian desktop — install it with its
# dependencies (apt, through dpkg), smoke-test the installed program, remove it and check that
# nothing of it is left. Run by .ci/run after `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi

make deb
package=$(ls dist/fiscaldesk_*_amd64.deb)
$SUDO apt-get install -y -q "./$package" >/dev/null \
    || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q "./$package" >/dev/null; }
dpkg -s fiscaldesk | grep -q "^Status: install ok installed"
test -x /opt/fiscaldesk/FiscalDesk
test "$(readlink -f "$(command -v fiscaldesk)")" = /opt/fiscaldesk/FiscalDesk
test -f /usr/share/applications/fiscaldesk.desktop
if [ -f /usr/share/mime/globs2 ]; then grep -q "application/x-fiscaldesk:\*\.fdesk" /usr/share/mime/globs2; fi

home=$(mktemp -d)
HOME="$home" XDG_DATA_HOME="$home/data" QT_QPA_PLATFORM=offscreen fiscaldesk --smoke | tail -1
HOME="$home" XDG_DATA_HOME="$home/data" fiscaldesk sample -o "$home/样例.fdesk"
HOME="$home" XDG_DATA_HOME="$home/data" fiscaldesk summary "$home/样例.fdesk" | head -1
rm -rf "$home"

$SUDO dpkg --purge fiscaldesk >/dev/null
for gone in /opt/fiscaldesk /usr/bin/fiscaldesk /usr/share/applications/fiscaldesk.desktop \
            /usr/share/mime/packages/fiscaldesk.xml; do
    if [ -e "$gone" ] || [ -L "$gone" ]; then echo "卸载后仍有 $gone" >&2; exit 1; fi
done
echo "Debian 软件包：安装、冒烟测试、卸载均通过（$package）"
