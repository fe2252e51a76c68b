# Okta connector for SOAR platforms.
GO      ?= go
BIN     := bin/okta-connector
PKGS    := ./...

.PHONY: build test demo docs fuzz bench vet fmt clean

build:
	$(GO) build -o $(BIN) .

# go vet, then the whole suite with the race detector.
test:
	$(GO) vet $(PKGS)
	$(GO) test -race -count=1 $(PKGS)

# The connector next to a bare HTTP client against the simulated org:
# cold start, paging, batch concurrency and rate-limit pacing (a few
# minutes; see README.md, Performance).
bench:
	$(GO) test ./bench -run '^$$' -bench . -benchtime 1x -timeout 30m

# A short playbook against the embedded simulated org.
demo: build
	$(GO) run ./fixtures/demo $(BIN)

# Each fuzz target for FUZZTIME; a crasher lands in testdata/fuzz and
# fails the target (and make test) until fixed.
FUZZTIME ?= 15s
FUZZ := connector:FuzzDecodeRequest connector:FuzzQuoteLiteral connector:FuzzPathSegment connector:FuzzAPIPath \
	connector:FuzzScrubEnvelope schema:FuzzValidateParameters internal/jsonscan:FuzzAppendIndent
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
	rm -rf bin
