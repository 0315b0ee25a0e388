# Changing the data: uploads checked, versions, the store's back-ends, the editors' sign-in.
