# 事件循环面板：旁白、每个任务所在的位置，以及面板自身的文字。

## 旁白：播放头经过每个值得一说的事件时的一句话。
## $who 是任务名；$what 是 trace 里记录的被等待的操作（代码）。

story-starts = { $who } 启动：事件循环执行它的第一步。
story-awaits-next = { $who } 等待 { $what }：事件循环空出来了，于是轮到 { $next } 运行。
story-awaits-idle = { $who } 等待 { $what }：没有其他就绪的任务，事件循环只能等待。
story-job-next = { $who } 把一项作业交给 worker（{ $what }）并等待它：事件循环空出来了，于是轮到 { $next } 运行。
story-job-idle = { $who } 把一项作业交给 worker（{ $what }）并等待它：没有其他就绪的任务，事件循环只能等待。
story-wakes = { $who } 的 { $what } 结束了：{ $who } 重新进入就绪状态。
story-blocks = { $who } 阻塞了事件循环（{ $what }）：在它返回之前，其他任务都无法运行。
story-computes = { $who } 在事件循环上做计算（{ $what }）：这期间其他任务都不会运行。
story-prints = { $who } 打印“{ $text }”。
story-fails = { $who } 失败：{ $error }。
story-cancelled = { $who } 被取消了。
story-ends = { $who } 结束。

## 事件循环面板：每个任务所在的位置，附 asyncio 的名称（代码）和 AwaitLab 在浏览器中
## 实现它的机制。API 名称保持原样，周围的说明文字翻译。

asyncio-holding = Task.__step（从不让出）
asyncio-io = add_reader（selector）
browser-virtual = 虚拟时钟
browser-running = 页面事件循环中的一个任务
browser-holding = 被占住的页面线程
browser-ready = AwaitLab 的就绪队列，在本轮中运行
browser-timer = setTimeout 定时器任务
browser-io = fetch() 返回的 promise
browser-job = 一条 Worker 消息
browser-future = 一个 promise（唤醒器）

## 事件循环面板的框架和旁白的控件（$s：页面格式化好的秒数）。

loop-label = 事件循环
# 两个对比运行之一的事件循环面板（$run：它的标签，例如 async）。
loop-label-run = { $run } 的事件循环
loop-title-playhead = 播放头处的事件循环
loop-title-at = { $s } 秒时的事件循环
loop-due = { $s } 秒到期
loop-running = 正在事件循环上运行
loop-running-empty = 无：事件循环空闲
loop-ready = 就绪队列
loop-ready-empty = 空
loop-timers = 定时器
loop-timers-empty = 无
loop-waiting = 等待中
loop-waiting-empty = 无
# 长列表中未列出的任务（$n：个数），列在前几项之后。
loop-more = 另有 { $n } 个
loop-story-hint = 移动播放头（或按 ▶），逐句跟着这次运行看下去。
loop-story-label = 到目前为止的经过
loop-story-back = 上一句
loop-story-next = 下一句
loop-sentence-of = 第 { $n } 句，共 { $total } 句
loop-sentences = 共 { $total } 句
