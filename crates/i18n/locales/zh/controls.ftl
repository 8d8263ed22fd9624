# 控制区：场景选择器、模式切换、参数表单、事件循环位置切换和运行按钮。
# 参数的标签和提示属于场景目录（scenarios.ftl）。

controls-scenario = 场景
controls-mode = 模式
controls-parameters = 参数
# 参数的提示及其取值范围。
controls-field-help = { $help }（{ $bounds }）
controls-bounds-int = { $min }–{ $max }
controls-bounds-number = { $min }–{ $max } 秒
controls-bounds-int-list = 最多 { $max_len } 项，每项 { $min }–{ $max }
controls-bounds-number-list = 最多 { $max_len } 项，每项 { $min }–{ $max } 秒
controls-bounds-name-list = 最多 { $max_len } 个名字
controls-bounds-url-list = 最多 { $max_len } 个 http(s) 或相对 URL，每个最多 { $max_chars } 个字符
controls-speed-help = 每场景秒对应的真实毫秒数（1–10000）
controls-speed-help-honest = 每场景秒对应的真实毫秒数（1–10000）；不低于 { $least } ms/s 时计时才可信
controls-form-follows = 你修改了程序：这些字段设置的是程序中标记的值。
# $why：程序从哪里起与表单对不上（读取器的原话，英文）。
controls-form-detached = 表单已不再对应这个程序（{ $why }）：只有速度仍然有效。
controls-form-unrelated = 这个程序不是该模式自带的：这些字段不适用，只有速度有效。
controls-back-to-original = 回到原来的程序
controls-loop-switch = 事件循环在哪里运行
controls-loop-page-title = 事件循环在本页的主线程上运行：阻塞会冻结页面
controls-loop-worker-title = 事件循环在专用的 Web Worker 中运行：页面保持可用
controls-run-title-page = 在本页的事件循环上运行
controls-run-title-worker = 在 Web Worker 中的事件循环上运行
controls-run = ▶ 运行
controls-running = 运行中…
controls-stop = ■ 停止
controls-replay = ↻ 重放
controls-defaults = 恢复默认
# “运行”按钮为何不可用（它的悬停提示）。
controls-why-unknown-scenario = 未知的场景
controls-why-syntax = 请先修正程序：{ $error }
controls-why-fields = 请先修正标出的字段
