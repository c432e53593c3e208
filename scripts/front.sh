#!/usr/bin/env bash
# Runs nginx as the TLS front of a bondstore-server (docs/security.md#tls-front), in the foreground
# (Ctrl-C stops it): HTTPS on one port, HTTP on another redirected to it, the slow-client limits.
#
#   scripts/front.sh --upstream 127.0.0.1:8080 --cert fullchain.pem --key privkey.pem \
#                    [--port 443] [--http-port 80] [--bind ADDR] [--server-name NAME] [--dir DIR]
#
# --port is the HTTPS port; --http-port the plain one, which only redirects to it.
#
# Without --cert/--key it makes a self-signed certificate in DIR for development (browsers warn).
# DIR (default build/front) holds the rendered nginx.conf, its logs and temporary files. The
# template is scripts/front/nginx.conf.template; copy it into your own nginx if you run one.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
upstream= cert= key= https_port=443 http_port=80 bind= server_name=_ dir=build/front
while [ $# -gt 0 ]; do
  case $1 in
    --upstream) upstream=$2; shift 2 ;;
    --cert) cert=$2; shift 2 ;;
    --key) key=$2; shift 2 ;;
    --port) https_port=$2; shift 2 ;;
    --http-port) http_port=$2; shift 2 ;;
    --bind) bind=$2; shift 2 ;;
    --server-name) server_name=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "front.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$upstream" ] || { echo "front.sh: --upstream HOST:PORT (the bondstore-server) is needed" >&2; exit 2; }
for p in "$https_port" "$http_port"; do
  [[ $p =~ ^[0-9]+$ ]] || { echo "front.sh: a port is a number, got '$p'" >&2; exit 2; }
done
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || { echo "front.sh: nginx is not installed (Debian: apt-get install nginx-light)" >&2; exit 1; }

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
if [ -z "$cert$key" ]; then
  cert=$dir/self-signed-cert.pem key=$dir/self-signed-key.pem
  if [ ! -f "$cert" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=${server_name/_/localhost}" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$key" -out "$cert" 2>/dev/null
    chmod 600 "$key"
  fi
  echo "front.sh: a self-signed certificate for development ($cert); give --cert and --key in production" >&2
fi
[ -f "$cert" ] && [ -f "$key" ] || { echo "front.sh: cannot read $cert or $key" >&2; exit 1; }
cert=$(cd "$(dirname "$cert")" && pwd)/$(basename "$cert")
key=$(cd "$(dirname "$key")" && pwd)/$(basename "$key")

listen() { if [ -n "$bind" ]; then echo "$bind:$1"; else echo "$1"; fi; }
suffix=; [ "$https_port" = 443 ] || suffix=":$https_port"
# As root, nginx's workers would run as nobody, who cannot write in DIR: they stay root here (a
# dedicated user is better in production: set `user` in your own copy).
user=; [ "$(id -u)" = 0 ] && user="user root;"
sed -e "s|@DIR@|$dir|g" -e "s|@USER@|$user|" -e "s|@UPSTREAM@|$upstream|" -e "s|@CERT@|$cert|" -e "s|@KEY@|$key|" \
    -e "s|@HTTP_LISTEN@|$(listen "$http_port")|" -e "s|@HTTPS_LISTEN@|$(listen "$https_port")|" \
    -e "s|@HTTPS_PORT_SUFFIX@|$suffix|" -e "s|@SERVER_NAME@|$server_name|g" \
    "$here/front/nginx.conf.template" > "$dir/nginx.conf"
"$nginx" -t -q -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;'
host=${bind:-127.0.0.1}
echo "front: http://$host:$http_port/ redirects to https://$host:$https_port/, which serves bondstore at $upstream"
exec "$nginx" -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;'
