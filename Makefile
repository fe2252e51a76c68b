# Okta connector for SOAR platforms.
GO      ?= go
PYTHON  ?= python3
BIN     := bin/okta-connector
PKGS    := ./...
# The variable --version reports, stamped with app.json's app_version.
VERSION_VAR := github.com/soar-okta/okta-connector/connector.Version

.PHONY: build test demo package golden docs extract fuzz bench vet fmt clean vulncheck

build:
	$(GO) build -o $(BIN) .

# go vet, the whole Go suite with the race detector, then the Splunk SOAR
# main module's tests against the binary.
test: build
	$(GO) vet $(PKGS)
	$(GO) test -race -count=1 $(PKGS)
	OKTA_CONNECTOR_BINARY=$(BIN) $(PYTHON) -m unittest discover -s soar/tests -t soar/tests -v

# The connector next to a bare HTTP client against the simulated org:
# cold start, paging and peak memory over plain HTTP and TLS, batch
# concurrency and rate-limit pacing (a few minutes; see
# docs/performance.md, Benchmarks).
bench:
	$(GO) test ./bench -run '^$$' -bench '^Benchmark(ColdStart|Paging|PeakMemory|Batch|RateLimit)$$' -benchtime 1x -timeout 30m

# A short playbook against the embedded simulated org.
demo: build
	$(GO) run ./fixtures/demo $(BIN)

# The Splunk SOAR app archive, dist/okta-VERSION.tgz: the manifest generated
# from app.json, the connector for linux/amd64 and the Python main module.
package:
	$(eval VERSION := $(shell $(GO) run ./tools/package -print-version))
	$(if $(VERSION),,$(error cannot read app_version from app.json))
	CGO_ENABLED=0 GOOS=linux GOARCH=amd64 $(GO) build -trimpath -ldflags "-X $(VERSION_VAR)=$(VERSION)" -o dist/linux-amd64/okta-connector .
	$(GO) run ./tools/package -binary dist/linux-amd64/okta-connector -out dist/okta-$(VERSION).tgz \
		-updated "$$(git log -1 --format=%cI 2>/dev/null)"

# Each fuzz target for FUZZTIME; a crasher lands in testdata/fuzz and
# fails the target (and make test) until fixed.
FUZZTIME ?= 15s
FUZZ := envelope:FuzzDecodeRequest oktaapi:FuzzQuoteLiteral oktaapi:FuzzPathSegment oktaapi:FuzzAPIPath \
	envelope:FuzzScrubEnvelope schema:FuzzValidateParameters internal/jsonscan:FuzzAppendIndent
fuzz:
	@set -e; for t in $(FUZZ); do \
		pkg=$${t%%:*}; fn=$${t#*:}; \
		echo "fuzz $$pkg $$fn ($(FUZZTIME))"; \
		$(GO) test ./$$pkg -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME); \
	done

# Rewrite the golden envelopes from the fixture requests; review the diff.
golden:
	UPDATE_GOLDEN=1 $(GO) test ./e2e -count=1 -run TestGoldenEnvelopes

# Regenerate the action reference, docs/actions.md, from app.json.
docs:
	$(GO) run ./schema/docsgen

# The facts-only extract of Okta's current API descriptions that the
# simulated org checks the identity threat response endpoints against,
# regenerated from the published descriptions in ../shared/okta-spec (left
# as it is when they are absent).
extract:
	$(GO) generate ./fixtures/simorg/spec

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin dist demo-out

# Regenerate schema/manifest_index_gen.go from app.json: where each action
# starts and ends, so that a run decodes only its own (a test fails when the
# committed file is stale).
.PHONY: index outputs
index:
	$(GO) generate ./schema

# Output data paths the golden envelopes (fixtures/golden/<identifier>__*.json)
# show and app.json does not declare, as JSON entries for the action's
# "output", and the declared ones no envelope shows: make outputs
# ACTION=get_user for one action, make outputs for all.
outputs:
	$(GO) run ./tools/outputs $(if $(ACTION),-action '$(ACTION)')

# Known vulnerabilities reachable from the code, checked offline: the Go
# vulnerability database is built from the golang.org/x/vulndb module at a
# pinned snapshot (fetched through the Go module proxy), and govulncheck
# reads it from disk.
VULNDB_VERSION ?= v0.0.0-20261105234957-e22db6528018
GOVULNCHECK_VERSION ?= v1.9.0
VULNDB_DIR := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/okta-connector/vulndb/$(VULNDB_VERSION)
vulncheck:
	@if [ ! -f "$(VULNDB_DIR)/index/modules.json" ]; then \
		src=$$( (cd /tmp && $(GO) mod download -json golang.org/x/vulndb@$(VULNDB_VERSION)) | $(GO) run ./tools/jsonfield Dir) && \
		ts=$$(echo $(VULNDB_VERSION) | cut -d- -f2) && \
		stamp=$$(echo $$ts | sed -E 's/(....)(..)(..)(..)(..)(..)/\1-\2-\3T\4:\5:\6Z/') && \
		$(GO) run ./tools/vulndb -src "$$src/data/osv" -out "$(VULNDB_DIR)" -stamp "$$stamp"; \
	fi
	$(GO) run golang.org/x/vuln/cmd/govulncheck@$(GOVULNCHECK_VERSION) -db "file://$(VULNDB_DIR)" -format json ./... | $(GO) run ./tools/vulnreport
