# Okta connector for SOAR platforms.
GO      ?= go
PYTHON  ?= python3
BIN     := bin/okta-connector
PKGS    := ./...
# The variable --version reports, stamped with app.json's app_version.
VERSION_VAR := github.com/soar-okta/okta-connector/connector.Version

.PHONY: build test demo package docs fuzz bench vet fmt clean

build:
	$(GO) build -o $(BIN) .

# go vet, the whole Go suite with the race detector, then the Splunk SOAR
# main module's tests against the binary.
test: build
	$(GO) vet $(PKGS)
	$(GO) test -race -count=1 $(PKGS)
	OKTA_CONNECTOR_BINARY=$(BIN) $(PYTHON) -m unittest discover -s soar/tests -t soar/tests -v

# The connector next to a bare HTTP client against the simulated org:
# cold start, paging, batch concurrency and rate-limit pacing (a few
# minutes; see README.md, Performance).
bench:
	$(GO) test ./bench -run '^$$' -bench . -benchtime 1x -timeout 30m

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
FUZZ := connector:FuzzDecodeRequest connector:FuzzQuoteLiteral connector:FuzzPathSegment connector:FuzzAPIPath \
	schema:FuzzValidateParameters internal/jsonscan:FuzzAppendIndent
fuzz:
	@set -e; for t in $(FUZZ); do \
		pkg=$${t%%:*}; fn=$${t#*:}; \
		echo "fuzz $$pkg $$fn ($(FUZZTIME))"; \
		$(GO) test ./$$pkg -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME); \
	done

# Regenerate the action reference in README.md from app.json.
docs:
	$(GO) run ./schema/docsgen

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin dist demo-out
