asynio.run(cor_obj)
