package com.smartlinkauto.vehicle.cache;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.smartlinkauto.vehicle.catalog.VehicleRules;
import com.smartlinkauto.vehicle.catalog.VehiclesChanged;

/**
 * The versioned namespaces cached entries are filed under. An entry's key contains the current version of
 * every namespace it depends on; a change bumps the versions of the namespaces it touches, so entries that
 * may have changed are never read again (they expire on their own) and nothing is ever swept.
 * <ul>
 * <li>{@code v:<id>}: one vehicle's details.</li>
 * <li>{@code c:<city>}: searches filtered by that city (lower case).</li>
 * <li>{@code g:<lat>:<lon>}: searches around a point, per 1°×1° cell their circle touches.</li>
 * <li>{@code all}: searches with neither (or a circle touching too many cells).</li>
 * </ul>
 * A vehicle change bumps its {@code v:}, {@code c:}, {@code g:} namespaces and {@code all}: searches in
 * other cities and other regions stay cached.
 */
public final class CacheNamespaces {

    public static final String ALL = "all";
    /** A circle touching more cells than this depends on {@link #ALL} instead. */
    static final int MAX_CELLS = 64;

    private CacheNamespaces() {
    }

    public static String vehicle(UUID id) {
        return "v:" + id;
    }

    public static String city(String city) {
        return "c:" + VehicleRules.cityKey(city);
    }

    public static String cell(double latitude, double longitude) {
        return "g:" + (int) Math.floor(latitude) + ":" + (int) Math.floor(longitude);
    }

    /** What a change of a vehicle at this place invalidates. */
    public static Set<String> ofVehicle(UUID id, String city, double latitude, double longitude) {
        Set<String> namespaces = new LinkedHashSet<>();
        namespaces.add(vehicle(id));
        namespaces.add(city(city));
        namespaces.add(cell(latitude, longitude));
        namespaces.add(ALL);
        return namespaces;
    }

    /** What a change invalidates: the namespaces of every place it touched. */
    public static Set<String> of(VehiclesChanged change) {
        Set<String> namespaces = new LinkedHashSet<>();
        for (VehiclesChanged.Place place : change.places()) {
            namespaces.addAll(ofVehicle(place.vehicleId(), place.city(), place.latitude(), place.longitude()));
        }
        return namespaces;
    }

    /**
     * The cells a search circle's bounding box (in degrees) touches, or {@link #ALL} when it spans every
     * longitude or touches more than {@link #MAX_CELLS} cells.
     */
    public static List<String> ofArea(double minLatitude, double maxLatitude, double minLongitude,
            double maxLongitude, boolean allLongitudes) {
        if (allLongitudes) {
            return List.of(ALL);
        }
        int lat0 = (int) Math.floor(minLatitude);
        int lat1 = (int) Math.floor(Math.min(maxLatitude, 89.999999));
        int lon0 = (int) Math.floor(minLongitude);
        int lon1 = (int) Math.floor(Math.min(maxLongitude, 179.999999));
        long cells = (long) (lat1 - lat0 + 1) * (lon1 - lon0 + 1);
        if (cells > MAX_CELLS) {
            return List.of(ALL);
        }
        List<String> namespaces = new ArrayList<>((int) cells);
        for (int lat = lat0; lat <= lat1; lat++) {
            for (int lon = lon0; lon <= lon1; lon++) {
                namespaces.add("g:" + lat + ":" + lon);
            }
        }
        return namespaces;
    }
}
