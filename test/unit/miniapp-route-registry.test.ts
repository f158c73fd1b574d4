import { ERRORS } from '@zlbg/shared'
import { createRouteRegistry } from '../../miniapp/src/api/routeRegistry'
import { STRINGS } from '../../miniapp/src/strings'

// The client's route lookup (miniapp/src/api/routeTable.ts): the main package's table from the start,
// the subpackages' table once a subpackage module registered it (miniapp/config/routeSplit.ts).
describe('the route registry', () => {
  const main = { listCalls: 'get /api/calls', getCall: 'get /api/calls/:id' }
  const subpackages = { listOutbox: 'get /api/office/outbox', retryOutbox: 'post /api/office/outbox/:id/retry' }

  test('a main-table route is read as method and path', () => {
    expect(createRouteRegistry(main).routeOf('getCall')).toEqual({ method: 'get', path: '/api/calls/:id' })
  })

  test('a route of a table not yet registered throws, naming it, and says so on the console outside production', () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      const registry = createRouteRegistry(main)
      expect(() => registry.routeOf('listOutbox')).toThrow(/"listOutbox" is in no loaded route table/)
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('"listOutbox"'))
    } finally {
      logged.mockRestore()
    }
  })

  test('once the subpackages\' table registers, its routes resolve and the main ones still do', () => {
    const registry = createRouteRegistry(main)
    registry.register(subpackages)
    registry.register(subpackages)
    expect(registry.routeOf('retryOutbox')).toEqual({ method: 'post', path: '/api/office/outbox/:id/retry' })
    expect(registry.routeOf('listCalls')).toEqual({ method: 'get', path: '/api/calls' })
    jest.spyOn(console, 'error').mockImplementationOnce(() => undefined)
    expect(() => registry.routeOf('me')).toThrow(/"me"/)
  })
})

test('the message for a stored token past its expiry is the server\'s SESSION_EXPIRED message', () => {
  expect(STRINGS.session.expired).toBe(ERRORS.SESSION_EXPIRED.message)
})
