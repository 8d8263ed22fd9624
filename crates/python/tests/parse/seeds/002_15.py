loop = asyncio.get_event_loop()
asyncio.run_until_complete(main())
