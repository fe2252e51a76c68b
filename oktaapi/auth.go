package oktaapi

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v3"
	"github.com/okta/okta-sdk-golang/v2/okta"
)

// assertionLifetime bounds a client assertion: it is used at once, so a
// captured one is worthless a few minutes later.
const assertionLifetime = 5 * time.Minute

// signingKey is the parsed private_key with the JWS algorithm it signs with.
type signingKey struct {
	key any
	alg jose.SignatureAlgorithm
	kid string
}

// CheckPrivateKey checks the asset's private_key as parsePrivateKey reads
// it, for the configuration's validation.
func CheckPrivateKey(raw string) error {
	_, err := parsePrivateKey(raw)
	return err
}

// parsePrivateKey reads the asset's private_key: a PEM block (PKCS#1 or
// PKCS#8 RSA, PKCS#8 or SEC 1 EC) or a private JWK as Okta's admin console
// shows it. Escaped newlines ("\n" as two characters) are accepted, since
// some platforms store multi-line secrets that way. No part of the key
// appears in an error.
func parsePrivateKey(raw string) (signingKey, error) {
	text := strings.TrimSpace(strings.ReplaceAll(raw, `\n`, "\n"))
	if strings.HasPrefix(text, "{") {
		var jwk jose.JSONWebKey
		if err := jwk.UnmarshalJSON([]byte(text)); err != nil || jwk.IsPublic() {
			return signingKey{}, errors.New("private_key looks like a JWK but is not a private RSA or EC key in JWK form")
		}
		k, err := keyAlgorithm(jwk.Key)
		k.kid = jwk.KeyID
		return k, err
	}
	block, _ := pem.Decode([]byte(text))
	if block == nil {
		return signingKey{}, errors.New("private_key is not a PEM private key: paste the whole key, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----")
	}
	if strings.Contains(block.Type, "ENCRYPTED") || block.Headers["Proc-Type"] != "" {
		return signingKey{}, errors.New("private_key is encrypted: give the key without a passphrase (the field is stored as a secret)")
	}
	var key any
	var err error
	switch block.Type {
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(block.Bytes)
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	default:
		return signingKey{}, fmt.Errorf("private_key holds a PEM %q block, not a private key", block.Type)
	}
	if err != nil {
		return signingKey{}, fmt.Errorf("private_key could not be read as a %s (the PEM block is damaged or of another kind)", strings.ToLower(block.Type))
	}
	return keyAlgorithm(key)
}

// keyAlgorithm picks the signing algorithm Okta accepts for the key.
func keyAlgorithm(key any) (signingKey, error) {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		if k.N.BitLen() < 2048 {
			return signingKey{}, fmt.Errorf("private_key is a %d-bit RSA key; Okta needs at least 2048 bits", k.N.BitLen())
		}
		return signingKey{key: k, alg: jose.RS256}, nil
	case *ecdsa.PrivateKey:
		switch k.Curve {
		case elliptic.P256():
			return signingKey{key: k, alg: jose.ES256}, nil
		case elliptic.P384():
			return signingKey{key: k, alg: jose.ES384}, nil
		case elliptic.P521():
			return signingKey{key: k, alg: jose.ES512}, nil
		}
	}
	return signingKey{}, errors.New("private_key must be an RSA (2048 bits or more) or an EC P-256, P-384 or P-521 key")
}

// assertionSigner signs the client assertions the SDK builds. It adds a
// unique jti (so Okta refuses a replayed assertion), shortens the expiry to
// assertionLifetime, and hands each signed assertion to the scrubber before
// it leaves the process.
type assertionSigner struct {
	inner   jose.Signer
	secrets SecretSink
	now     func() time.Time
}

// newAssertionSigner prepares the signer for the SDK's PrivateKey mode:
// key is private_key, keyID private_key_id (or the JWK's own kid).
func newAssertionSigner(key, keyID string, secrets SecretSink) (jose.Signer, error) {
	k, err := parsePrivateKey(key)
	if err != nil {
		return nil, err
	}
	kid := keyID
	if kid == "" {
		kid = k.kid
	}
	opts := &jose.SignerOptions{}
	if kid != "" {
		opts = opts.WithHeader("kid", kid)
	}
	inner, err := jose.NewSigner(jose.SigningKey{Algorithm: k.alg, Key: k.key}, opts.WithType("JWT"))
	if err != nil {
		return nil, fmt.Errorf("cannot sign with private_key: %v", err)
	}
	return &assertionSigner{inner: inner, secrets: secrets, now: time.Now}, nil
}

func (a *assertionSigner) Options() jose.SignerOptions { return a.inner.Options() }

func (a *assertionSigner) Sign(payload []byte) (*jose.JSONWebSignature, error) {
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		return nil, fmt.Errorf("client assertion claims: %v", err)
	}
	var id [18]byte
	if _, err := rand.Read(id[:]); err != nil {
		return nil, err
	}
	now := a.now()
	claims["jti"] = base64.RawURLEncoding.EncodeToString(id[:])
	claims["iat"] = now.Unix()
	claims["exp"] = now.Add(assertionLifetime).Unix()
	out, err := json.Marshal(claims)
	if err != nil {
		return nil, err
	}
	sig, err := a.inner.Sign(out)
	if err != nil {
		return nil, err
	}
	if compact, err := sig.CompactSerialize(); err == nil && a.secrets != nil {
		a.secrets.Add(compact)
	}
	return sig, nil
}

// TokenError is Okta refusing to issue an access token for the asset's
// OAuth 2.0 client.
type TokenError struct {
	Code        string // OAuth error code: invalid_client, invalid_scope, ...
	Description string
	Scopes      []string
}

func (e *TokenError) Error() string {
	what := e.Code
	if e.Description != "" {
		what += ": " + e.Description
	}
	switch e.Code {
	case "invalid_client":
		return "Okta refused the OAuth 2.0 client (" + what + "): check client_id, that the service app authenticates with a public key / private key, that private_key is the private half of a key registered for it and private_key_id (if set) is that key's kid, and that the machine's clock is right"
	case "invalid_scope":
		return "Okta refused the requested scopes (" + what + "): grant each scope of the asset's scopes (" + strings.Join(e.Scopes, ", ") + ") to the service app in Okta (Okta API Scopes tab), or list only granted scopes"
	case "unauthorized_client":
		return "Okta does not allow this OAuth 2.0 client the client credentials grant (" + what + "): the app must be an API service app"
	case "":
		return "Okta's token endpoint answered without a usable access token or OAuth error: check base_url and any proxy between the connector and Okta"
	}
	return "Okta refused the access token request (" + what + "): check client_id, private_key and scopes"
}

// authFailure turns an error raised while the SDK obtained an access token
// (inside building a request) into one the analyst can act on. Any URL in it
// loses its query, where the SDK puts the client assertion.
func authFailure(err error, scopes []string) error {
	var oe *okta.Error
	if errors.As(err, &oe) {
		return &TokenError{Code: oe.ErrorMessage, Description: oe.ErrorDescription, Scopes: scopes}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil {
			u.RawQuery = ""
			ue.URL = u.String()
		}
	}
	return err
}
