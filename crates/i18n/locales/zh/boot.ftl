# 启动画面（index.html 的 #boot）：应用的 wasm 下载期间、运行之前显示。
# 启动脚本携带这些文字（构建时由 scripts/externalize_boot.mjs 读取本文件）：每条消息保持一行，
# 变量写作 { $name }。

boot-loading = 正在加载 AwaitLab：它的 Python 解释器和事件循环实验室……
# $got、$total：以 MB 计，保留一位小数（0.4、2.5）。
boot-progress = { $got } / { $total } MB
boot-progress-label = 正在下载 AwaitLab
boot-starting = 正在启动……
# $reason：下面某一句 boot-why-…，或浏览器自己的说法。
boot-failed = AwaitLab 无法启动：{ $reason }
boot-why-http = { $file } 返回了 HTTP { $status }
boot-why-network = 无法下载 { $file }（连接失败）
boot-why-no-wasm = 此浏览器关闭了 WebAssembly（锁定模式或管理策略可能会这样做），而 AwaitLab 依赖它运行
boot-reload = 重新加载页面
