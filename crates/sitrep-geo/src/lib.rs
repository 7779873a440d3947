//! Offline gazetteer and geocoder built from GeoNames and curated conflict sites.
