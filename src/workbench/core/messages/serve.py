"""Messages of ``workbench serve``: the start, the refusals, the served page and its keys."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Starting
    "serve.open_link": ("在平板或手机的浏览器中打开此链接(只能打开一次,之后这个浏览器保持登录):", "Open this link in the tablet's or phone's browser (it opens once; that browser then stays logged in):"),
    "serve.enter_for_link": ("另一台设备?在这里按回车,获取新的一次性链接。", "Another device? Press Enter here for a new one-time link."),
    "serve.scan_link": ("或用平板/手机扫码:", "Or scan it with the tablet or phone:"),
    "serve.serving": ("正在通过浏览器提供 {db};每个标签页各运行一个工作台。按 Ctrl+C 停止。", "Serving {db}; each browser tab runs its own workbench. Press Ctrl+C to stop."),
    "serve.default_db": ("默认数据库", "the default database"),
    "serve.insecure": ("警告:{host} 上未加密(--insecure)。同一网络中的人可以看到会话和数据;请改用 --tls-cert/--tls-key。", "Warning: no encryption on {host} (--insecure). Anyone on the same network can see the session and its data; use --tls-cert/--tls-key instead."),
    "serve.stopped": ("已停止。", "Stopped."),
    # Bad options (exit code 2)
    "serve.bad_port": ("端口必须是 0 到 65535 的整数:{value}", "The port must be a whole number from 0 to 65535: {value}"),
    "serve.tls_pair": ("--tls-cert 和 --tls-key 需要同时给出", "--tls-cert and --tls-key go together"),
    "serve.tls_unusable": ("无法使用证书 {cert} 和密钥 {key}:{detail}", "Cannot use the certificate {cert} with the key {key}: {detail}"),
    "serve.needs_tls": ("在 {host} 上提供服务需要加密:给出 --tls-cert 和 --tls-key(或明知风险时用 --insecure)", "Serving on {host} needs encryption: give --tls-cert and --tls-key (or --insecure, knowing the risk)"),
    "serve.wildcard_host": ("--host {host} 不是一个可打开的地址:请写平板将要访问的本机地址(例如 192.168.1.20)", "--host {host} is not an address a browser can open: name this machine's address as the tablet will use it (e.g. 192.168.1.20)"),
    "serve.not_installed": ("workbench serve 需要可选组件(缺少 {module}):pip install 'workbench[serve]'", "workbench serve needs its optional part ({module} is missing): pip install 'workbench[serve]'"),
    "serve.cannot_listen": ("无法在 {host}:{port} 上监听:{detail}", "Cannot listen on {host}:{port}: {detail}"),
    # Refused requests (shown in the browser)
    "serve.refused.no_session": ("请打开 workbench serve 启动时显示的链接。", "Open the link that workbench serve printed when it started."),
    "serve.refused.token": ("此链接已使用过或无效。每个链接只能打开一次;在运行 workbench serve 的终端按回车获取新链接。", "This link was already used or is wrong. Each link opens once; press Enter where workbench serve runs for a new one."),
    "serve.refused.socket": ("拒绝连接:只有本工作台页面可以连接。", "Connection refused: only the workbench's own page may connect."),
    "serve.refused.host": ("地址不符:请使用 workbench serve 显示的地址。", "Wrong address: use the one workbench serve printed."),
    # The page
    "serve.page.loading": ("正在启动……", "Starting…"),
    "serve.page.ended": ("会话已结束。", "The session ended."),
    "serve.page.restart": ("重新开始", "Start again"),
    "serve.page.keys": ("按键", "Keys"),
    "serve.key.up": ("↑", "↑"),
    "serve.key.down": ("↓", "↓"),
    "serve.key.space": ("空格", "Space"),
    "serve.key.tab": ("Tab", "Tab"),
    "serve.key.enter": ("确定", "Enter"),
}
