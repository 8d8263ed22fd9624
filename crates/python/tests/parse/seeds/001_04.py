# 将任务tasks放到任务列表中
loop.run_until_complete(tasks)
