async for i in async_iterator:
	print(i)
