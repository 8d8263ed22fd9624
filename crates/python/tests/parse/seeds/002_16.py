asyncio.run(main())
