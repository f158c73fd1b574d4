import { parseArgs } from 'node:util'
import { CreateUserSchema, fieldErrors, formatDateTime, useChineseMessages } from '@zlbg/shared'
import { createFirstAdmin } from '../auth/bootstrap'
import { connectDatabase } from '../db/connection'
import { AppError } from '../http/errors'
import { withDatabase } from './database'

/**
 * `npm run admin:create -- --username wang --name 王主任 [--email wang@example.cn]`
 * Creates an office administrator and prints a one-time invite code; the person sets their own
 * password with it on the sign-in page (no password ever passes through the command line).
 */
async function main() {
  useChineseMessages()
  const { values } = parseArgs({
    options: { username: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' } },
  })
  const parsed = CreateUserSchema.pick({ username: true, displayName: true, email: true }).safeParse({
    username: values.username,
    displayName: values.name,
    ...(values.email ? { email: values.email } : {}),
  })
  if (!parsed.success) {
    console.error('用法：npm run admin:create -- --username <用户名> --name <姓名> [--email <邮箱>]')
    for (const f of fieldErrors(parsed.error)) console.error(`  ${f.path === 'displayName' ? 'name' : f.path}: ${f.message}`)
    process.exit(2)
  }
  await withDatabase(async (uri) => {
    const db = await connectDatabase(uri)
    try {
      const invite = await createFirstAdmin(db.models, parsed.data, 'npm run admin:create')
      console.log(`已创建办公室管理员 ${parsed.data.username}（${parsed.data.displayName}）。`)
      console.log(`邀请码：${invite.code}（${formatDateTime(invite.expiresAt)} 前有效，只显示这一次）`)
      console.log('请在登录页选择“使用邀请码设置密码”，输入邀请码并设置密码。')
    } catch (err) {
      if (err instanceof AppError) {
        console.error(err.message)
        process.exitCode = 1
      } else throw err
    } finally {
      await db.close()
    }
  })
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
