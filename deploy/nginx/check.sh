#!/usr/bin/env bash
# Serves ponte through deploy/nginx/ponte.conf (as shipped, with only the addresses, the name and
# a self-signed certificate changed) and checks what the file promises: TLS that verifies, one
# HSTS header, plain HTTP redirected, /metrics closed, the public Origin accepted and a foreign one
# refused. Usage: check.sh PONTE_BINARY. Exits 77 (skipped) without nginx or openssl, unless
# PONTE_REQUIRE_TOOLS=1.
set -euo pipefail
ponte="$1"
here="$(cd "$(dirname "$0")" && pwd)"
nginx="${NGINX:-/usr/sbin/nginx}"
if [[ ! -x "$nginx" ]] || ! command -v openssl >/dev/null || ! command -v curl >/dev/null; then
  [[ "${PONTE_REQUIRE_TOOLS:-}" == 1 ]] && { echo "nginx, openssl and curl are required"; exit 1; }
  echo "nginx, openssl or curl missing: skipped"; exit 77
fi

dir="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; [[ -f "$dir/error.log" ]] && cat "$dir/error.log"; exit 1; }

# A free loopback port (nothing answers on it), below the range the kernel gives outgoing
# connections their local ports from: a port of that range may be bound any moment by a client
# of another test running beside this one, and nginx's bind would then fail.
free_port() {
  local port low
  low="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
  ((low > 12000)) || fail "the local port range starts too low ($low) to find a port below it"
  for _ in $(seq 50); do
    port=$((10000 + RANDOM % (low - 10000)))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  fail "no free port"
}

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost" \
  -keyout "$dir/privkey.pem" -out "$dir/fullchain.pem" 2>/dev/null
https_port="$(free_port)"
http_port="$(free_port)"

# ponte on a port of its choosing, behind the proxy.
PONTE_KEYS='' "$ponte" keys generate --key-file "$dir/ponte.keys" >/dev/null
PONTE_KEYS='' "$ponte" serve --db "sqlite:$dir/ponte.db" --key-file "$dir/ponte.keys" --listen 127.0.0.1:0 \
  --threads 1 --jobs false --access-log false --public-url "https://localhost:$https_port" \
  --trusted-proxies 127.0.0.1 --cookie-secure true >"$dir/ponte.log" 2>&1 &
pids+=($!)
# Up to 30 s: the test suite may be starting many servers at once.
for _ in $(seq 300); do
  grep -q '"msg":"listening"' "$dir/ponte.log" 2>/dev/null && break
  sleep 0.1
done
ponte_port="$(grep -o '"port":"\?[0-9]*' "$dir/ponte.log" | grep -o '[0-9]*$' | head -1)"
[[ -n "$ponte_port" ]] || fail "ponte did not start: $(cat "$dir/ponte.log")"

sed -e "s|listen 80;|listen 127.0.0.1:$http_port;|" -e "/listen \[::\]/d" \
    -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https_port ssl http2;|" \
    -e "s|server_name ponte.example.org;|server_name localhost;|" \
    -e "s|/etc/ssl/ponte/|$dir/|" -e "s|proxy_pass http://127.0.0.1:8080;|proxy_pass http://127.0.0.1:$ponte_port;|" \
    "$here/ponte.conf" >"$dir/ponte.conf"
grep -q "127.0.0.1:$ponte_port" "$dir/ponte.conf" || fail "the example's upstream line changed"
cat >"$dir/nginx.conf" <<CONF
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log;
events {}
http {
    access_log off;
    client_body_temp_path $dir/body;
    proxy_temp_path $dir/proxy;
    include $dir/ponte.conf;
}
CONF
"$nginx" -p "$dir" -c "$dir/nginx.conf" -t -q || fail "nginx -t"
"$nginx" -p "$dir" -c "$dir/nginx.conf" &
nginx_pid=$!
pids+=("$nginx_pid")
for _ in $(seq 300); do
  (exec 3<>"/dev/tcp/127.0.0.1/$https_port") 2>/dev/null && break
  kill -0 "$nginx_pid" 2>/dev/null || fail "nginx exited (a port taken meanwhile?)"
  sleep 0.1
done

base="https://localhost:$https_port"
tls=(--silent --show-error --cacert "$dir/fullchain.pem" --resolve "localhost:$https_port:127.0.0.1" --max-time 30)

headers="$(curl "${tls[@]}" -D - -o /dev/null "$base/api/v1/meta")"
grep -q "^HTTP/2 200" <<<"$headers" || fail "GET /api/v1/meta through TLS: $headers"
[[ "$(grep -ci '^strict-transport-security: max-age=31536000; includeSubDomains' <<<"$headers")" == 1 ]] ||
  fail "exactly one HSTS header expected: $headers"

redirect="$(curl --silent --max-time 30 -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$http_port/login")"
[[ "$redirect" == "301 https://"*"/login" ]] || fail "plain HTTP is not redirected: $redirect"

metrics="$(curl "${tls[@]}" -o /dev/null -w '%{http_code}' "$base/metrics")"
[[ "$metrics" == 404 ]] || fail "/metrics through the proxy answered $metrics"

login() {
  curl "${tls[@]}" -o /dev/null -w '%{http_code}' -H "Origin: $1" -H 'Content-Type: application/json' \
    --data '{"email":"nobody@example.org","password":"not a password"}' "$base/api/v1/auth/login"
}
[[ "$(login "$base")" == 401 ]] || fail "a sign-in from the public origin was not checked as one"
[[ "$(login "https://evil.example")" == 403 ]] || fail "a foreign Origin was not refused"
echo "nginx TLS example: ok"
