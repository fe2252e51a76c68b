# A test double of the Splunk SOAR platform's "phantom" package: the public
# interface the Okta app module uses, with what the platform would store kept
# in memory for the tests to read. On the platform the real package is used.
