"""What an operator watches: loop lag, collector pauses, live screens, fan-out, page builds, pool and outbox."""
