"""Run generated samples, exactly as shipped, against the loopback mock."""
