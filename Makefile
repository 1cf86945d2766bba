# Ponte's entry points. `make run` and `make test` do all the set-up on a fresh Debian 12.
SHELL := /bin/bash
.DEFAULT_GOAL := build

BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
JOBS ?= $(shell nproc)
DB ?= sqlite:data/ponte.db
LISTEN ?= 127.0.0.1:8080
KEYS ?= data/ponte.keys
FUZZ_SECONDS ?= 20

# Precompiled headers and ccache work together only with these sloppiness settings.
export CCACHE_SLOPPINESS := pch_defines,time_macros,include_file_mtime,include_file_ctime
export CCACHE_MAXSIZE ?= 5G
# Paths relative to the checkout, and the build directory left out of the hash (it only names the
# compilation directory in debug information), so that two checkouts (or a fresh clone) share cache
# entries.
export CCACHE_BASEDIR ?= $(CURDIR)
export CCACHE_NOHASHDIR ?= 1

.PHONY: setup build web run test e2e test-asan fuzz fuzz-long format-check lint bench clean

setup:
	@bash scripts/setup.sh

$(BUILD)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

$(ASAN_BUILD)/build.ninja: CMakeLists.txt
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPONTE_SANITIZE=ON

$(FUZZ_BUILD)/build.ninja: CMakeLists.txt
	CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DPONTE_FUZZ=ON

## build: build/ponte, the tests and the web assets
build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)
	@$(MAKE) --no-print-directory web

## web: the web app into web/dist (type check, Vite build, size budgets), with gzip variants for
## the server to send
web:
	cd web && npm run --silent build
	@find web/dist -type f \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.json' -o -name '*.svg' -o -name '*.webmanifest' \) \
		-exec gzip -9 -k -n -f {} \;

## run: set up, build, migrate, add the demo accounts to an empty database and serve on
## http://127.0.0.1:8080 in demo mode (SQLite in data/ponte.db, field-encryption keys in
## data/ponte.keys; plain HTTP, so the session cookie is not Secure)
run: build
	@test -f $(KEYS) || ./$(BUILD)/ponte keys generate --key-file $(KEYS)
	./$(BUILD)/ponte migrate --db $(DB)
	./$(BUILD)/ponte seed-demo --db $(DB) --key-file $(KEYS)
	./$(BUILD)/ponte serve --db $(DB) --key-file $(KEYS) --listen $(LISTEN) --cookie-secure false --demo

## test: set up, build, then every test on SQLite and on a PostgreSQL server started for the run
## (the boundary check among them), the browser tests, the tests again under AddressSanitizer+UBSan,
## a short fuzz run, the format check and clang-tidy.
test: build
	cd $(BUILD) && PONTE_REQUIRE_POSTGRES=1 PONTE_REQUIRE_TOOLS=1 ../scripts/with-postgres.sh ctest -j $(JOBS) --output-on-failure --timeout 300
	cd web && PONTE_BINARY=../$(BUILD)/ponte npm run --silent test
	@$(MAKE) --no-print-directory e2e
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory fuzz
	@$(MAKE) --no-print-directory format-check
	@$(MAKE) --no-print-directory lint
	@echo "make test: all passed"

## e2e: browser tests in headless Chromium against a real ponte (screenshots in test-results/)
e2e:
	cd web && PONTE_BINARY=$(CURDIR)/$(BUILD)/ponte npm run --silent e2e

# The API tests' second run on PostgreSQL is left out under the sanitizers: the storage code of
# both engines runs under them in the _dbtest suites, and the handlers are the same on both.
test-asan: setup $(ASAN_BUILD)/build.ninja
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan_suppressions.txt \
		PONTE_REQUIRE_POSTGRES=1 ../scripts/with-postgres.sh ctest -j $(JOBS) --output-on-failure --timeout 600 \
		-LE apitest_postgres

## fuzz: a short, bounded libFuzzer run over request parsing, routing and JSON decoding
fuzz: setup $(FUZZ_BUILD)/build.ninja
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target ponte_request_fuzz
	bash scripts/fuzz.sh $(FUZZ_BUILD)/ponte_request_fuzz $(FUZZ_SECONDS)

## fuzz-long: the same for an hour (FUZZ_SECONDS=... to change)
fuzz-long:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=3600

format-check:
	@files=$$(git ls-files '*.cpp' '*.hpp'); clang-format --dry-run --Werror $$files && echo "format: ok"

## lint: clang-tidy on our sources (checks and reasons for exclusions in .clang-tidy; files not
## checked yet in scripts/lint_excluded.txt), $(JOBS) files at a time; a file is checked again
## only when its preprocessed text, the checks or clang-tidy change (results in build-tidy/lint-cache)
lint: setup
	@cmake -S . -B build-tidy -G Ninja -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON >/dev/null
	@python3 scripts/lint.py build-tidy $(JOBS)

## bench: HTTP benchmarks against nginx as the reference on this machine
bench: build
	bash bench/http_bench.sh $(BUILD)/ponte

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) web/dist
