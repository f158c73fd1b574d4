import { startEmbeddedMongo } from '../../scripts/db'

test('the embedded database refuses to start with a clear message when java is missing', async () => {
  await expect(startEmbeddedMongo({ backend: 'memory', javaCommand: '/nonexistent/bin/java' })).rejects.toThrow(
    /未找到 java 命令.*Java 17.*MONGODB_URI/s,
  )
})
