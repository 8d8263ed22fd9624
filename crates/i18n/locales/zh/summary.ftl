# 小结：总时间、速度警告、页面指标和任务表。

## 速度警告（显示在总时间旁，也显示在速度输入框旁）。数字已格式化好。

speed-warning = 速度太快，无法如实呈现：在 { $speed } ms/s 下，最短的等待（{ $wait } 秒）实际只持续 { $real } 毫秒；低于 { $honest } 毫秒时，浏览器定时器的延迟（晚 1–4 毫秒）和帧间隔（16.7 毫秒）都会计入总时间。{ $advice }。
speed-advice-faster = 请把速度设为 { $least } ms/s 或以上，计时才可信
speed-advice-lengthen = 请加长最短的等待，计时才可信

## 总时间（$s：场景秒，两位小数）。

summary-none = 还没有运行。
summary-stopped-at = 停止于 { $s } 秒
summary-measured = 实测 { $s } 秒
summary-running = 运行中…
summary-cut = 预测超过 { $s } 秒：预测在执行几百万条指令后就会停止
summary-cut-unmeasured = 预测超过 { $s } 秒：预测在执行几百万条指令后就会停止 — 按“运行”进行实测
summary-of-predicted = （预测共 { $s } 秒）
summary-versus = 预测 { $predicted } 秒 · 相差 { $diff } 秒（速度 { $speed } ms/s 下实际相差 { $ms } 毫秒）
summary-running-predicted = 运行中… 预测 { $s } 秒
summary-predicted = 预测 { $s } 秒
summary-predicted-real = （速度 { $speed } ms/s 下实际 { $s } 秒）— 按“运行”进行实测

## 事件循环所在线程被连续占用了多久。

summary-worker-blocked = 事件循环 worker 被连续阻塞了 { $s } 秒（实际时间）：其他任务都无法运行，但事件循环不在本页的线程上，所以页面仍然可以操作。
summary-page-frozen = 页面被连续冻结了 { $s } 秒（实际时间）——这就是阻塞事件循环的含义：不响应点击、不重绘，其他任务也无法运行。

## 运行期间页面自身的指标。

summary-page = 页面：
summary-page-figures = 最长一帧 { $frame } 毫秒 · 丢帧 { $dropped } 个 · 长任务 { $long } 个（{ $long_ms } 毫秒）· { $lag }最多 { $lag_ms } 毫秒
summary-lag-worker = 事件循环延迟（在 worker 中）
summary-lag-timer = 定时器延迟
summary-clicks = 你的点击分别等待了 { $ms } 毫秒
summary-list-sep = 、

## 任务表（title 是各列的悬停提示）。

summary-caption = 各任务用时（场景秒）
summary-task = 任务
summary-busy = 忙碌
    .title = 在事件循环上被轮询的时间（场景秒）
summary-blocking = 阻塞
    .title = 其中阻塞事件循环的时间（场景秒）
summary-ready = 就绪
    .title = 已被唤醒、等待事件循环轮到它的时间（场景秒）
summary-idle = 空闲
    .title = 等待定时器、I/O 或其他任务的时间（场景秒）
summary-polls = 轮询次数
# 长表格前几行之后的一行（$n：未列出的任务数）。
summary-more-tasks = 另有 { $n } 个任务未列出（导出的轨迹包含全部任务）
summary-outcome = 结果
summary-hidden = 这次运行中有 { $s } 秒标签页处于后台：浏览器会放慢后台标签页的定时器（每秒一次甚至更慢），所以实测时间里包含了浏览器的等待，而不只是程序本身的时间。请把标签页放在前台再运行一次。
