package io.dispatchapy.admin.ui;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Who may open a UI page: admins only, or admins and clients (the portal's shared pages). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface UiAccess {
    Role value();

    enum Role {
        ADMIN, ANY
    }
}
