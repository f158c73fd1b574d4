import { MessageIdParamsSchema, MessageListQuerySchema, MessagePageSchema, OutboxIdParamsSchema, OutboxPageSchema, OutboxQuerySchema, OutboxRecordViewSchema, SubscriptionReportSchema, SubscriptionsViewSchema } from '../messages'
import { NoContent, route } from './define'

/** Message center, WeChat subscriptions and the outbox. */
export const MESSAGE_ROUTES = {
  // The in-app message center (我的 → 消息) and WeChat subscription messages (issue 5)
  listMyMessages: route({
    method: 'get',
    path: '/api/me/messages',
    summary: '我的消息（最新在前，分页，含未读数）',
    tag: 'messages',
    action: 'message.readOwn',
    query: MessageListQuerySchema,
    response: MessagePageSchema,
    errors: ['UNAUTHENTICATED'],
  }),
  readMyMessage: route({
    method: 'post',
    path: '/api/me/messages/:id/read',
    summary: '标记一条消息为已读',
    tag: 'messages',
    action: 'message.readOwn',
    params: MessageIdParamsSchema,
    response: NoContent,
    status: 204,
    errors: ['MESSAGE_NOT_FOUND', 'UNAUTHENTICATED'],
  }),
  mySubscriptions: route({
    method: 'get',
    path: '/api/me/subscriptions',
    summary: '订阅消息模板及我剩余的可接收条数（微信用户）',
    tag: 'messages',
    action: 'subscription.manage',
    response: SubscriptionsViewSchema,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  reportSubscriptions: route({
    method: 'post',
    path: '/api/me/subscriptions',
    summary: '报告用户在订阅消息弹窗中同意的模板（每次同意可接收一条）',
    tag: 'messages',
    action: 'subscription.manage',
    body: SubscriptionReportSchema,
    response: SubscriptionsViewSchema,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED'],
  }),
  listOutbox: route({
    method: 'get',
    path: '/api/outbox',
    summary: '消息发送记录（办公室；status=dead 为已停止重试的记录及其错误）',
    tag: 'messages',
    action: 'outbox.read',
    query: OutboxQuerySchema,
    response: OutboxPageSchema,
  }),
  retryOutbox: route({
    method: 'post',
    path: '/api/outbox/:id/retry',
    summary: '重新发送一条失败、停止重试或未发送的记录（办公室）',
    tag: 'messages',
    action: 'outbox.retry',
    params: OutboxIdParamsSchema,
    response: OutboxRecordViewSchema,
    errors: ['OUTBOX_NOT_FOUND', 'STATE_CONFLICT'],
  }),
} as const
