package com.servicedesk.platform.projection;

import com.mongodb.client.MongoDatabase;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The read-model database seen through a prefix: {@code getCollection("complaints")} answers
 * {@code <prefix>complaints}, everything else is the database itself. A projection built on it writes shadow
 * collections next to the live ones, which a rename then swaps in (same database, so the rename is atomic).
 */
final class PrefixedDatabase {
    private PrefixedDatabase() {
    }

    static MongoDatabase of(MongoDatabase database, String prefix) {
        return (MongoDatabase) Proxy.newProxyInstance(MongoDatabase.class.getClassLoader(), new Class<?>[]{MongoDatabase.class},
                new Shadow(database, prefix));
    }

    /** Whether the database is a rebuild's shadow: what is written there is dropped, not resumed, if the rebuild fails. */
    static boolean isShadow(MongoDatabase database) {
        return Proxy.isProxyClass(database.getClass()) && Proxy.getInvocationHandler(database) instanceof Shadow;
    }

    private record Shadow(MongoDatabase database, String prefix) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("getCollection") && args != null && args[0] instanceof String name) {
                args = args.clone();
                args[0] = prefix + name;
            }
            try {
                return method.invoke(database, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
