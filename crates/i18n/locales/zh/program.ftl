# 程序面板（看点、程序状态）及其编辑器。模式的说明和示意代码为何没有程序，属于场景目录（scenarios.ftl）。

program-pane = 程序
program-look-at = 看点
# 当前程序不是该模式自带的程序时，放在模式说明之前。
program-about-own = 关于该模式自带的程序：
program-title = 程序（Python）
program-editor-label = Python 程序
program-own-status = “运行”会按原样运行这个程序：修改它，再运行一次。
program-edited-tag = 已修改
program-edited-status = 这是你的程序：“运行”会按原样运行它。
program-status = 这就是“运行”要运行的程序：你可以修改它，也可以修改参数，参数就是程序中标记的值。
program-illustration-tag = 示意
# $why：场景目录中的 .missing，是“它”后面的谓语。
program-illustration-status = 这个模式运行的是本课的 Rust 场景，而不是这段文字：它{ $why }。
editor-keys = Tab 缩进，Shift+Tab 取消缩进；先按 Esc 再按 Tab 可离开编辑器。
# $message：CPython 原样给出的语法错误。
editor-error = 第 { $line } 行，第 { $column } 列：{ $message }
editor-marks = 播放头处：
editor-marks-separator = ，
editor-mark = { $task } 在第 { $line } 行

## 表单为何读不出被编辑过的程序中带标记的字面量（crates/core/src/program_params.rs）。
params-at-line = 第 { $line } 行：{ $why }
params-at-field = `{ $id }`：{ $why }
params-marked-twice = `{ $id }` 被标记了第二次
params-no-such-field = 这个程序的表单里没有参数 `{ $id }`
params-mark-gone = 标记为 `# param: { $id }` 的那一行不见了
params-mark-alone = `{ $id }` 的标记后面没有赋值语句
params-mark-after-mark = `{ $id }` 的标记的下一行自己也带着标记
params-mark-malformed = `# param:` 后面必须跟一个参数 id（比如 `delays`），而不是 "{ $text }"
params-not-assignment = 带标记的行必须是 `NAME = value` 的形式，而不是 "{ $text }"
params-not-literal = 它的值必须是字面量（数字、字符串或由它们组成的列表），而不是 "{ $text }"
params-tuple = 参数的列表要写成 [ ]，而不是 ( )
params-nested-list = 列表里套列表不能作为参数的值
params-comma = "{ $item }" 含有逗号，表单无法保留
params-list-open = 列表没有在同一行用 ] 结束
params-list-items = 列表的各项必须是以逗号分隔的字面量，而不是 "{ $text }"
params-escapes = 参数的值里不能有转义（\）
params-string-open = 字符串没有在同一行结束
params-not-number = "{ $text }" 不是数字
params-exponent = 指数在 e 之后需要数字
params-not-decimal = 参数的值只能是十进制数（数字后面跟着 "{ $char }"）
params-leading-zeros = "{ $text }"：Python 不允许整数以 0 开头
params-underscore = 数字中的下划线必须位于两个数字之间
