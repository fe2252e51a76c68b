# Okta connector for SOAR platforms.
GO      ?= go
BIN     := bin/okta-connector
PKGS    := ./...

.PHONY: build test demo docs vet fmt clean

build:
	$(GO) build -o $(BIN) .

# go vet, then the whole suite with the race detector.
test:
	$(GO) vet $(PKGS)
	$(GO) test -race -count=1 $(PKGS)

# A short playbook against the embedded simulated org.
demo: build
	$(GO) run ./fixtures/demo $(BIN)

# Regenerate the action reference in README.md from app.json.
docs:
	$(GO) run ./schema/docsgen

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin
