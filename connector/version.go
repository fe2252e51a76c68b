package connector

// Version is the connector's version, reported by --version and in the
// User-Agent. The release build sets it from app.json's app_version.
var Version = "1.0.0"
