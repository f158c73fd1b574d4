import { STANDIN_APP_ID, STANDIN_SECRET } from '../server/src/wechat/config'
import { startWeChatStandIn } from '../server/src/wechat/standin'

/** `tsx scripts/wechat-standin.ts`: the WeChat stand-in alone on PORT (3100); prints its base URL, Ctrl-C stops it. */
const port = Number(process.env.PORT || 3100)
startWeChatStandIn({ port, appId: STANDIN_APP_ID, secret: STANDIN_SECRET }).then(
  (standin) => {
    console.log(standin.baseUrl)
    const stop = () => void standin.close().then(() => process.exit(0))
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  },
  (err: NodeJS.ErrnoException) => {
    console.error(err.code === 'EADDRINUSE' ? `端口 ${port} 已被占用：请设置 PORT 使用其他端口` : `微信接口替身未能启动：${err.message}`)
    process.exit(1)
  },
)
