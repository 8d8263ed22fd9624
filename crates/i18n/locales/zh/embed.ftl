# 把运行放到别处：“嵌入”面板的代码片段和“导出”菜单。

embed-button = 嵌入
# iframe 的 title：屏幕阅读器为嵌入的页面读出的名字。
embed-frame-title = AwaitLab：{ $scenario } · { $mode }
embed-panel = 嵌入到网页
embed-hint = 把屏幕上的内容放进任何网页：可以直接使用 iframe，也可以使用动态代码块，文档页面会用 embed.js 把它变成 iframe（脚本被禁用时，代码块仍然可读）。
embed-iframe = iframe
embed-copy-iframe = 复制 iframe
embed-copied-iframe = iframe 已复制。
embed-select-iframe = 请选中 iframe 代码并手动复制（这里无法使用剪贴板）。
embed-block = 动态代码块（embed.js）
embed-copy-block = 复制动态代码块
embed-copied-block = 动态代码块已复制。
embed-select-block = 请选中动态代码块并手动复制（这里无法使用剪贴板）。
export = 导出
export-title = 导出这次运行：trace、时间线图片、控制台文本
export-menu = 导出这次运行
export-trace = Trace（JSON）
export-trace-title = 以 Chrome trace（JSON）格式导出这次运行：可在 Perfetto 或 chrome://tracing 中打开
export-svg = 时间线（SVG）
export-svg-title = 把整个运行的时间线导出为矢量图（SVG）：包括屏幕上的泳道、标签和颜色
export-png = 时间线（PNG）
export-png-title = 按本屏幕的像素密度，把整个运行的时间线导出为图片（PNG）
export-console = 控制台（文本）
export-console-title = 程序打印的内容，每行一条，导出为纯文本
export-nothing = 没有可导出的内容：时间线是空的。

# 打开 AwaitLab 导出的 trace 文件（导出菜单的最后一项）。
export-open = 打开 trace…
export-open-title = 打开 AwaitLab 导出的 trace 文件（JSON），重新查看那次运行：时间线、事件循环和叙述
open-done = 已打开 { $what } 的一次运行记录。文件只保存运行，不保存程序：程序面板显示的是该模式自带的程序。
open-kept-edit = 你修改过的程序已保留：再次切换到它的模式时会回来。
open-unknown = 这个 trace 属于 { $what }，而这个 AwaitLab 中没有它。
open-failed = 无法打开 { $file }：{ $why }

# 文件为何不能作为 trace 打开（crates/core/src/trace_import.rs）。
open-too-large = 文件太大，无法打开：{ $mb } MB，而 AwaitLab 最多打开 50 MB 的 trace
open-too-many = trace 太大，无法打开：共 { $count } 个事件，而 AwaitLab 最多打开 { $max } 个事件的 trace
open-not-json = 这个文件不是 JSON（{ $detail }）：AwaitLab 打开的是它自己导出的 JSON trace（导出 → Trace (JSON)）
open-not-trace = 这个文件是 JSON，但不是 trace：trace 是一个带有 `traceEvents` 列表的对象，正如 AwaitLab 导出的那样（导出 → Trace (JSON)）
open-not-awaitlab = 这是一个 Chrome trace，但不是 AwaitLab 导出的（{ $why }）：AwaitLab 只能重新打开自己的 trace（导出 → Trace (JSON)）
open-why-bare-list = 它只是一个事件列表，没有 AwaitLab 的运行信息
open-why-no-details = 它没有记录运行信息的 otherData
open-why-other-run = 它的 otherData 描述的不是 AwaitLab 的运行
open-newer = 这个 trace 来自更新版本的 AwaitLab（格式 { $found }）；当前版本只能读取格式 { $ours } 及更早的：请用更新的 AwaitLab 打开
open-unreadable = 无法读取这个 AwaitLab trace：{ $field } { $problem }
