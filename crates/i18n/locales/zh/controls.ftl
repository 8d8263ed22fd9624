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
# 开关的标签与按钮（链接中的 `loop=page|worker`）。
controls-loop-label = 事件循环：
controls-loop-page = 页面
controls-loop-worker = 工作线程
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

# 取值的问题：显示在表单字段下方和链接的提示横幅中。$value 是按原样加引号的取值，$why 是下面的某个问题；
# 数字已格式化。
error-value = { $value } { $why }
error-between = 必须在 { $min } 到 { $max } 之间
error-between-s = 必须在 { $min } 到 { $max } 秒之间
error-too-small = 太小：最小允许 { $min }
error-too-large = 太大：最大允许 { $max }
error-too-large-duration = 太大，不能作为时长
# $what：error-a-number 或 error-a-whole-number。
error-not-a = 不是{ $what }
error-not-a-separator = 不是{ $what }：请用逗号分隔各项
error-not-a-character = 不是{ $what }：{ $character }（{ $code }）不是数字、逗号或小数点
error-a-number = 数字
error-a-whole-number = 整数
error-list-empty = 至少需要一项（用逗号分隔）
error-list-long = 最多 { $max } 项（给出了 { $given } 项）
error-item = 第 { $at } 项{ $why }
error-item-value = （{ $value }）{ $why }
error-item-empty = 第 { $at } 项是空的
error-item-between = 第 { $at } 项是 { $value }；每项必须在 { $min } 到 { $max } 之间
error-item-between-s = 第 { $at } 项是 { $value }；每项必须在 { $min } 到 { $max } 秒之间
error-item-not-whole = （{ $value }）不是整数
error-negative = （{ $value }）是负数；每项必须在 { $min }–{ $max } 之间
error-name-long = 第 { $at } 个名字超过了 { $max } 个字符
error-name-chars = 第 { $at } 个名字（{ $value }）只能包含字母、数字和 _
error-name-twice = { $value } 出现了两次；名字不能重复
# $why：URL 检查发现的问题。
error-url = 第 { $at } 个 URL { $why }
error-url-value = 第 { $at } 个 URL（{ $value }）{ $why }
error-speed = 必须在每场景秒 { $min } 到 { $max } 毫秒之间
error-code-size = 程序有 { $size } KB；AwaitLab 最多只能容纳 { $max } KB
error-worker = { $scenario } { $mode } { $why }：它只能在 loop=page 下运行
error-worker-page-queues = 会在页面上调度回调（微任务、setTimeout、MessageChannel）
error-worker-pool = 会把作业交给页面启动的 Web Worker 池
error-program-pool = 这个程序会把工作交给执行器池，而池中的 Web Worker 由页面启动：它只能在 loop=page 下运行
error-unknown-scenario = 未知的场景
# 链接要求了什么却没有被采用，以及改为怎样处理。
error-url-scenario = 没有场景 { $value }（现有：{ $known }）；显示 { $shown }
error-url-mode = { $scenario } 没有模式 { $value }（它有：{ $known }）；改用 { $shown }
error-url-not-used = { $why }；未采用
error-url-using-page = { $why }；改用 page
error-url-loop = { $value } 不是 page 或 worker；改用 page
error-url-autorun = { $value } 不是 1 或 0；不自动运行
error-url-keeping = { $why }；保留 { $value }
error-url-param = { $scenario } 没有参数 { $value }；已忽略
error-url-no-autorun = 不自动运行：链接要求的内容不存在或无法显示，所以显示的并不是它要求的内容
# 截断的长取值：$quoted 以 … 结尾
quote-cut = { $quoted }（共 { $total } 个字符）
# URL 被拒绝的原因（$character：带引号的字符或 U+XXXX）。
url-too-long = 有 { $chars } 个字符；最多 { $max } 个
url-may-not-hold = 不能包含 { $character }
url-no-scheme = 以 // 开头：请在主机名前写上 http:// 或 https://
url-scheme = 用了“{ $scheme }:”；只允许 http://、https:// 或相对 URL（如 data/a.json）
url-slashes = 在 { $scheme }: 后面需要 //（如 { $scheme }://example.org/）
url-no-host = // 后面没有主机名
