time.sleep(delay)
