"""HTTP-level fakes of the platforms' APIs, served on loopback for the transports' tests."""
