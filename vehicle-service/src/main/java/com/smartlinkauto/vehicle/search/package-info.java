/** The public search: one SQL statement over bookable vehicles free for the dates, read through the cache. */
@ApplicationModule(displayName = "Search")
package com.smartlinkauto.vehicle.search;

import org.springframework.modulith.ApplicationModule;
